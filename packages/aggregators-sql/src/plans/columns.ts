/** `[name0, name1, ..., name{K-1}]`: the wide layout's one column per class. */
export function classColumns(name: string, K: number): string[] {
  return Array.from({ length: K }, (_, k) => `${name}${k}`);
}

/** `e0 + e1 + ...`, parenthesised. */
export function sumOf(expressions: readonly string[]): string {
  return `(${expressions.join(' + ')})`;
}

/**
 * `CASE WHEN label = 0 THEN p0 ... ELSE p{K-1} END`: the posterior of the
 * class a label names. The last class is the ELSE branch so that the result
 * is never NULL (a CASE without ELSE is Nullable in ClickHouse).
 */
export function atLabel(column: string, K: number): string {
  const branches = Array.from({ length: K - 1 }, (_, k) => `WHEN label = ${k} THEN ${column}${k}`);
  return `CASE ${branches.join(' ')} ELSE ${column}${K - 1} END`;
}
