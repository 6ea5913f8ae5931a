import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { CrowdError, type ResultTable } from '@crowdlearn/core-matrix';
import { delimitedTable, jsonLinesTable, writeFileAtomic } from '@crowdlearn/datasets';

/** The formats a table is written in. */
export const TABLE_FORMATS = ['csv', 'tsv', 'jsonl', 'parquet'] as const;

/** One of {@link TABLE_FORMATS}. */
export type TableFormat = (typeof TABLE_FORMATS)[number];

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

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
const sqlName = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * Parquet through DuckDB (the engine the SQL aggregators use): the table
 * goes to a temporary CSV read as text, each column cast to DOUBLE where
 * every value is a number, and DuckDB writes the Parquet file.
 */
async function parquet(table: ResultTable): Promise<Uint8Array> {
  const { openEngine } = await import('@crowdlearn/aggregators-sql');
  const dir = mkdtempSync(join(tmpdir(), 'crowdlearn-parquet-'));
  const engine = await openEngine({ engine: 'duckdb' });
  try {
    const csv = join(dir, 'table.csv');
    const out = join(dir, 'table.parquet');
    await writeFileAtomic(csv, delimitedTable(table, ','));
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
export async function encodeTable(table: ResultTable, format: TableFormat): Promise<Iterable<string> | Uint8Array> {
  switch (format) {
    case 'csv':
      return delimitedTable(table, ',');
    case 'tsv':
      return delimitedTable(table, '\t');
    case 'jsonl':
      return jsonLinesTable(table);
    case 'parquet':
      return parquet(table);
  }
}
