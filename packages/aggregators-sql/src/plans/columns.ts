/** `[name0, name1, ..., name{K-1}]`: the wide layout's one column per class. */
export function classColumns(name: string, K: number): string[] {
  return Array.from({ length: K }, (_, k) => `${name}${k}`);
}

/** `e0 + e1 + ...`, parenthesised. */
export function sumOf(expressions: readonly string[]): string {
  return `(${expressions.join(' + ')})`;
}

/** `CASE label WHEN 0 THEN p0 WHEN 1 THEN p1 ... END`: the posterior of the class a label names. */
export function atLabel(column: string, K: number): string {
  return `CASE ${classColumns('', K).map((_, k) => `WHEN label = ${k} THEN ${column}${k}`).join(' ')} END`;
}
