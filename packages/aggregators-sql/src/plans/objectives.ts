import { doubleLiteral, type SqlDialect } from '../dialects/dialect.js';
import { classColumns, sumOf } from './columns.js';
import { SQL_EPS } from './confusion-m-step.js';
import type { EmTables } from './tables.js';

/** The marginal log-likelihood of the labels: Σ over tasks of the E-step's `ll`. Column `v`. */
export function logLikelihoodQuery(t: EmTables): string {
  return `SELECT sum(ll) AS v FROM ${t.posteriors}`;
}

/** The class prior estimate: the mean posterior over labelled tasks. Columns `p0..p{K-1}`. */
export function priorQuery(t: EmTables, K: number): string {
  return `SELECT ${classColumns('p', K).map((p) => `avg(${p}) AS ${p}`).join(', ')} FROM ${t.posteriors}`;
}

/**
 * The part of crowd-kit's ELBO that depends on the posteriors and the prior:
 * Σ_i deg_i Σ_k T_ik log ρ_k − Σ_i Σ_k T_ik log max(T_ik, 1e-10). Column `v`.
 */
export function posteriorElboQuery(d: SqlDialect, t: EmTables, K: number, logPrior: ArrayLike<number>): string {
  const p = classColumns('p', K);
  const priorTerm = sumOf(p.map((name, k) => `${name} * ${doubleLiteral(logPrior[k] as number)}`));
  const entropy = sumOf(p.map((name) => `${name} * ${d.ln(d.greatest([name, doubleLiteral(SQL_EPS)]))}`));
  return `SELECT sum(deg * ${priorTerm} - ${entropy}) AS v FROM ${t.posteriors}`;
}

/** ELBO's worker part for DS: Σ over (worker, label, k) with n_k > 0 of n_k log e_r[k][label]. Column `v`. */
export function confusionElboQuery(t: EmTables, K: number): string {
  return `SELECT sum(${sumOf(classColumns('', K).map((_, k) => `CASE WHEN n${k} > 0 THEN n${k} * c${k} ELSE 0 END`))}) AS v FROM ${t.workers}`;
}

/** ELBO's worker part for the one-coin layout: Σ_r hits_r log P(right) + (n_r − hits_r) log P(wrong). Column `v`. */
export function oneCoinElboQuery(t: EmTables): string {
  return `SELECT sum(hits * lr + (n - hits) * lw) AS v FROM ${t.workers}`;
}

/** The largest change of a worker's skill since the previous M-step (ZenCrowd's stopping rule). Column `v`. */
export function skillChangeQuery(d: SqlDialect, t: EmTables): string {
  return `SELECT max(abs(s - s_prev)) AS v FROM ${t.workers} ${d.innerJoin} ${t.previousWorkers} USING (worker)`;
}
