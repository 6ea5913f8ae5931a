/** Describes an input row as a location: its source, and its line when lines are known. */
export type RowLocator = (row: number) => { source: string; line?: number };

/** The locator of rows of `source`, with `lineOfRow` when the reader knows each row's line. */
export function rowLocator(source: string, lineOfRow: ((row: number) => number) | undefined): RowLocator {
  return (row) => (lineOfRow === undefined ? { source } : { source, line: lineOfRow(row) });
}
