import { doubleLiteral, type SqlDialect } from '../dialects/dialect.js';
import { atLabel } from './columns.js';
import { SQL_EPS } from './confusion-m-step.js';
import type { EmTables } from './tables.js';

/**
 * The one-coin M-step (one-coin DS and ZenCrowd): each worker's skill
 * `s = (Σ over the worker's labels of T_{i,label}) / labels`, and the logs of
 * the one-coin confusion entries clamped to [1e-10, 1 - 1e-10]: `lr` on the
 * diagonal, `lw` = log((1 - s)/(K - 1)) off it. Columns: `worker`, `hits`
 * (the sum), `n`, `s`, `lr`, `lw`. One row per worker with labels.
 */
export function oneCoinMStep(d: SqlDialect, t: EmTables, K: number): string[] {
  const clamp = (x: string) => d.least([d.greatest([x, doubleLiteral(SQL_EPS)]), doubleLiteral(1 - SQL_EPS)]);
  const skills = `SELECT worker, sum(${atLabel('p', K)}) AS hits, count(*) AS n FROM ${t.labels} ${d.innerJoin} ${t.posteriors} USING (task) GROUP BY worker`;
  const withSkill = `SELECT worker, hits, n, hits / n AS s FROM (${skills}) AS sums`;
  const workers = `SELECT worker, hits, n, s, ${d.ln(clamp('s'))} AS lr, ${d.ln(clamp(`(${doubleLiteral(1)} - s) / ${doubleLiteral(K - 1)}`))} AS lw FROM (${withSkill}) AS skilled`;
  return d.createTableAs(t.workers, workers);
}

/** Keeps the current skills as `previousWorkers` (`worker`, `s_prev`) before an M-step replaces them. */
export function keepPreviousSkills(d: SqlDialect, t: EmTables): string[] {
  return d.createTableAs(t.previousWorkers, `SELECT worker, s AS s_prev FROM ${t.workers}`);
}
