import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';
import { csvField } from './output.js';

/** The formats a table is written in. */
export const TABLE_FORMATS = ['csv', 'tsv', 'jsonl', 'parquet'] as const;

/** One of {@link TABLE_FORMATS}. */
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** A table of results: named columns, and rows of strings and numbers. */
export interface Table {
  columns: string[];
  rows: (string | number)[][];
}

/**
 * The format to write `path` in: `forced` (`--out-format`), else the file's
 * extension, else CSV (standard output, an unknown extension). A forced
 * format that is not one of {@link TABLE_FORMATS} is an error naming `flag`.
 */
export function tableFormat(path: string, forced: string | undefined, flag = '--out-format'): TableFormat {
  if (forced !== undefined) {
    if (!(TABLE_FORMATS as readonly string[]).includes(forced)) throw new CrowdError('INVALID_ARGUMENT', `bad ${flag}`, { expected: TABLE_FORMATS.join(', '), found: forced });
    return forced as TableFormat;
  }
  const ext = extname(path).slice(1).toLowerCase();
  return (TABLE_FORMATS as readonly string[]).includes(ext) ? (ext as TableFormat) : 'csv';
}

function delimited(table: Table, delimiter: ',' | '\t'): string {
  // a number that is not finite (a worker without gold labels has no gold accuracy) is an empty field
  const text = (v: string | number) => (typeof v === 'number' && !Number.isFinite(v) ? '' : v);
  const field = delimiter === ',' ? (v: string | number) => csvField(text(v)) : (v: string | number) => String(text(v)).replace(/[\t\n\r]/g, ' ');
  const lines = [table.columns.map(field).join(delimiter), ...table.rows.map((row) => row.map(field).join(delimiter))];
  return lines.join('\n') + '\n';
}

function jsonLines(table: Table): string {
  const finite = (v: string | number) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
  return table.rows.map((row) => JSON.stringify(Object.fromEntries(table.columns.map((c, j) => [c, finite(row[j] as string | number)])))).join('\n') + (table.rows.length > 0 ? '\n' : '');
}

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
const sqlName = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * Parquet through DuckDB (the engine the SQL aggregators use): the table
 * goes to a temporary CSV read as text, each column cast to DOUBLE where
 * every value is a number, and DuckDB writes the Parquet file.
 */
async function parquet(table: Table): Promise<Uint8Array> {
  const { openEngine } = await import('@crowdlearn/aggregators-sql');
  const dir = mkdtempSync(join(tmpdir(), 'crowdlearn-parquet-'));
  const engine = await openEngine({ engine: 'duckdb' });
  try {
    const csv = join(dir, 'table.csv');
    const out = join(dir, 'table.parquet');
    writeFileSync(csv, delimited(table, ','));
    const numeric = table.columns.map((_, j) => table.rows.length > 0 && table.rows.every((row) => typeof row[j] === 'number'));
    const select = table.columns.map((c, j) => (numeric[j] === true ? `CAST(${sqlName(c)} AS DOUBLE) AS ${sqlName(c)}` : sqlName(c))).join(', ');
    await engine.execute([`COPY (SELECT ${select} FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true, delim = ',', quote = '"')) TO ${sqlString(out)} (FORMAT parquet)`]);
    return new Uint8Array(readFileSync(out));
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bytes of `table` in `format`. */
export async function encodeTable(table: Table, format: TableFormat): Promise<string | Uint8Array> {
  switch (format) {
    case 'csv':
      return delimited(table, ',');
    case 'tsv':
      return delimited(table, '\t');
    case 'jsonl':
      return jsonLines(table);
    case 'parquet':
      return parquet(table);
  }
}
