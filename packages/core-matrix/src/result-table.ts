/**
 * A table of results: named columns and rows of strings and numbers. Rows
 * are built when asked, so that a table of ten million items is written
 * chunk by chunk and never held whole. A number that is not finite (a
 * worker without gold labels has no gold accuracy) is an empty cell.
 */
export interface ResultTable {
  /** Column names. */
  columns: string[];
  /** Number of rows. */
  size: number;
  /** Row `j`, one cell per column. */
  row(j: number): (string | number)[];
}

/** A {@link ResultTable} of rows already built. */
export function tableOf(columns: string[], rows: (string | number)[][]): ResultTable {
  return { columns, size: rows.length, row: (j) => rows[j] as (string | number)[] };
}

/** A table as plain objects, one per row, with `null` for a number that is not finite (what JSON can carry). */
export function tableObjects(table: ResultTable): Record<string, string | number | null>[] {
  return Array.from({ length: table.size }, (_, r) => {
    const row = table.row(r);
    return Object.fromEntries(table.columns.map((c, j) => [c, typeof row[j] === 'number' && !Number.isFinite(row[j]) ? null : (row[j] as string | number)]));
  });
}
