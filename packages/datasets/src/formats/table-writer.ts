import type { ResultTable } from '@crowdlearn/core-matrix';

/** Rows per chunk of encoded text. */
const CHUNK_ROWS = 16_384;

/** A CSV field, quoted when it has a comma, quote or line break. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A cell as text: a number that is not finite (no gold accuracy) is empty. */
const cellText = (v: string | number) => (typeof v === 'number' && !Number.isFinite(v) ? '' : v);

/** `line(row)` for every row, joined into chunks of text. */
function* lineChunks(table: ResultTable, line: (row: (string | number)[]) => string): Generator<string> {
  for (let start = 0; start < table.size; start += CHUNK_ROWS) {
    const lines: string[] = [];
    for (let j = start; j < Math.min(table.size, start + CHUNK_ROWS); j++) lines.push(line(table.row(j)));
    yield lines.join('\n') + '\n';
  }
}

/**
 * A result table as CSV (`,`, fields quoted where needed) or TSV (tabs and
 * line breaks in a field become spaces): a header line, then one line per
 * row, in chunks of text so that a table of millions of rows is never one
 * string. Numbers are written as JavaScript prints them (shortest
 * round-trip form), so the text reads back to the same doubles.
 */
export function* delimitedTable(table: ResultTable, delimiter: ',' | '\t' = ','): Generator<string> {
  const field = delimiter === ',' ? (v: string | number) => csvField(cellText(v)) : (v: string | number) => String(cellText(v)).replace(/[\t\n\r]/g, ' ');
  yield table.columns.map(field).join(delimiter) + '\n';
  yield* lineChunks(table, (row) => row.map(field).join(delimiter));
}

/** A result table as JSON Lines, one object per row (a number that is not finite is `null`), in chunks of text. */
export function jsonLinesTable(table: ResultTable): Generator<string> {
  const finite = (v: string | number) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
  return lineChunks(table, (row) => JSON.stringify(Object.fromEntries(table.columns.map((c, j) => [c, finite(row[j] as string | number)]))));
}
