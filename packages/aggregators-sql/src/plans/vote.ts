import { doubleLiteral, type SqlDialect } from '../dialects/dialect.js';
import { classColumns } from './columns.js';
import type { EmTables } from './tables.js';

/**
 * Soft majority vote: each labelled task's share of labels per class, as a
 * posteriors table (`task`, `deg`, `p0..p{K-1}`, `ll` = 0). Majority vote's
 * result, and the starting posteriors of DS, one-coin DS and ZenCrowd.
 */
export function softVoteSelect(d: SqlDialect, t: EmTables, K: number): string {
  const one = doubleLiteral(1);
  const zero = doubleLiteral(0);
  const shares = classColumns('p', K).map((p, k) => `sum(CASE WHEN label = ${k} THEN ${one} ELSE ${zero} END) / count(*) AS ${p}`);
  return `SELECT task, count(*) AS deg, ${shares.join(', ')}, ${zero} AS ll FROM ${t.labels} GROUP BY task`;
}
