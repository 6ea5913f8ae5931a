import { doubleLiteral, type SqlDialect } from '../dialects/dialect.js';
import { classColumns, sumOf } from './columns.js';
import type { EmTables } from './tables.js';

/**
 * How a worker's parameters enter the E-step, by the layout of the workers
 * table:
 * - `'confusion'` (DS): one row per (worker, label) the worker used, with
 *   `c0..c{K-1}` = log P(label | true class k);
 * - `'one-coin'` (one-coin DS, ZenCrowd): one row per worker with `lr` =
 *   log P(right) and `lw` = log P(a given wrong label).
 */
export type WorkerLayout = 'confusion' | 'one-coin';

/**
 * The E-step of the confusion-matrix family as one query: per task,
 * `s_k = log prior_k + Σ_labels log P(label | k)`, then a softmax with the
 * row maximum subtracted, and `ll` = the task's log marginal likelihood
 * (its log-sum-exp). Output columns: `task`, `deg`, `p0..p{K-1}`, `ll`.
 * The log prior travels as K literals: it is the only thing the client
 * holds between iterations.
 */
export function eStepSelect(d: SqlDialect, t: EmTables, K: number, logPrior: ArrayLike<number>, layout: WorkerLayout): string {
  const s = classColumns('s', K);
  const term = (k: number) => (layout === 'confusion' ? `c${k}` : `CASE WHEN label = ${k} THEN lr ELSE lw END`);
  const join = layout === 'confusion' ? 'worker, label' : 'worker';
  const scores = s.map((name, k) => `${doubleLiteral(logPrior[k] as number)} + sum(${term(k)}) AS ${name}`);
  return softmaxPosteriors(d, `SELECT task, count(*) AS deg, ${scores.join(', ')} FROM ${t.labels} ${d.innerJoin} ${t.workers} USING (${join}) GROUP BY task`, K);
}

/**
 * Posteriors from per-task log scores: `scored` has `task`, `deg` and
 * `s0..s{K-1}`; the result has `task`, `deg`, `p0..p{K-1}` (the softmax,
 * with the row maximum subtracted) and `ll` (the log-sum-exp).
 */
export function softmaxPosteriors(d: SqlDialect, scored: string, K: number): string {
  const s = classColumns('s', K);
  const e = classColumns('e', K);
  const p = classColumns('p', K);
  const maxed = `SELECT task, deg, ${s.join(', ')}, ${d.greatest(s)} AS mx FROM (${scored}) AS scored`;
  const exponentiated = `SELECT task, deg, mx, ${s.map((name, k) => `exp(${name} - mx) AS ${e[k]}`).join(', ')} FROM (${maxed}) AS maxed`;
  const z = sumOf(e);
  return `SELECT task, deg, ${e.map((name, k) => `${name} / ${z} AS ${p[k]}`).join(', ')}, mx + ${d.ln(z)} AS ll FROM (${exponentiated}) AS exponentiated`;
}
