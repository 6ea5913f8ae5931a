import { doubleLiteral, type SqlDialect } from '../dialects/dialect.js';
import { classColumns } from './columns.js';
import type { EmTables } from './tables.js';

/** Smallest probability a log is taken of, as in `@crowdlearn/aggregators`. */
export const SQL_EPS = 1e-10;

/**
 * The DS M-step (crowd-kit's normalisation, as `dawidSkene`'s default
 * preset) as two tables:
 * 1. `counts`: expected counts `n_k = Σ_{tasks the worker gave this label} T_ik`,
 *    one row per (worker, label) the worker used: a join of the labels with
 *    the posteriors and a group-by;
 * 2. `workers`: the counts clipped at 1e-10 and normalised over the labels the
 *    worker used, as logs `c0..c{K-1}` (the E-step's layout), with the counts
 *    kept for the stopping objective.
 * A label the worker never gave has no row, which is crowd-kit's zero.
 */
export function confusionMStep(d: SqlDialect, t: EmTables, K: number): string[] {
  const n = classColumns('n', K);
  const eps = doubleLiteral(SQL_EPS);
  const counts = `SELECT worker, label, ${classColumns('p', K).map((p, k) => `sum(${p}) AS ${n[k]}`).join(', ')} FROM ${t.labels} ${d.innerJoin} ${t.posteriors} USING (task) GROUP BY worker, label`;
  const clipped = (k: number) => d.greatest([`n${k}`, eps]);
  const totals = `SELECT worker, ${n.map((_, k) => `sum(${clipped(k)}) AS total${k}`).join(', ')} FROM ${t.counts} GROUP BY worker`;
  const workers = `SELECT worker, label, ${n.join(', ')}, ${n.map((_, k) => `${d.ln(`${clipped(k)} / total${k}`)} AS c${k}`).join(', ')} FROM ${t.counts} ${d.innerJoin} (${totals}) AS totals USING (worker)`;
  return [...d.createTableAs(t.counts, counts), ...d.createTableAs(t.workers, workers)];
}
