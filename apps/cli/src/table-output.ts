import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';
import { writeFileAtomic } from '@crowdlearn/datasets';
import { csvField } from './output.js';

/** The formats a table is written in. */
export const TABLE_FORMATS = ['csv', 'tsv', 'jsonl', 'parquet'] as const;

/** One of {@link TABLE_FORMATS}. */
export type TableFormat = (typeof TABLE_FORMATS)[number];

/**
 * A table of results: named columns and rows of strings and numbers. Rows
 * are built when asked, so that a table of ten million items is written
 * chunk by chunk and never held whole.
 */
export interface Table {
  /** Column names. */
  columns: string[];
  /** Number of rows. */
  size: number;
  /** Row `j`. */
  row(j: number): (string | number)[];
}

/** A table of rows already built. */
export function tableOf(columns: string[], rows: (string | number)[][]): Table {
  return { columns, size: rows.length, row: (j) => rows[j] as (string | number)[] };
}

/** Rows per chunk of encoded text. */
const CHUNK_ROWS = 16_384;

/** `line(row)` for every row, joined into chunks of text. */
function* lineChunks(table: Table, line: (row: (string | number)[]) => string): Generator<string> {
  for (let start = 0; start < table.size; start += CHUNK_ROWS) {
    const lines: string[] = [];
    for (let j = start; j < Math.min(table.size, start + CHUNK_ROWS); j++) lines.push(line(table.row(j)));
    yield lines.join('\n') + '\n';
  }
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

function* delimited(table: Table, delimiter: ',' | '\t'): Generator<string> {
  // a number that is not finite (a worker without gold labels has no gold accuracy) is an empty field
  const text = (v: string | number) => (typeof v === 'number' && !Number.isFinite(v) ? '' : v);
  const field = delimiter === ',' ? (v: string | number) => csvField(text(v)) : (v: string | number) => String(text(v)).replace(/[\t\n\r]/g, ' ');
  yield table.columns.map(field).join(delimiter) + '\n';
  yield* lineChunks(table, (row) => row.map(field).join(delimiter));
}

function jsonLines(table: Table): Generator<string> {
  const finite = (v: string | number) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
  return lineChunks(table, (row) => JSON.stringify(Object.fromEntries(table.columns.map((c, j) => [c, finite(row[j] as string | number)]))));
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
    await writeFileAtomic(csv, delimited(table, ','));
    const numeric = table.columns.map(() => table.size > 0);
    for (let r = 0; r < table.size; r++) {
      const row = table.row(r);
      row.forEach((v, j) => {
        if (typeof v !== 'number') numeric[j] = false;
      });
    }
    const select = table.columns.map((c, j) => (numeric[j] === true ? `CAST(${sqlName(c)} AS DOUBLE) AS ${sqlName(c)}` : sqlName(c))).join(', ');
    await engine.execute([`COPY (SELECT ${select} FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true, delim = ',', quote = '"')) TO ${sqlString(out)} (FORMAT parquet)`]);
    return new Uint8Array(readFileSync(out));
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `table` in `format`: chunks of text (CSV, TSV, JSON Lines), or the bytes of a Parquet file. */
export async function encodeTable(table: Table, format: TableFormat): Promise<Iterable<string> | Uint8Array> {
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
