import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { SqlDialect } from '../dialects/dialect.js';
import { duckdbDialect } from '../dialects/duckdb.js';
import type { LabelFile, NumericColumns, SqlEngine } from '../engine.js';
import { stringLiteral } from '../dialects/dialect.js';

/** Options of {@link DuckDbEngine.open}. */
export interface DuckDbOptions {
  /**
   * A database file, for data larger than memory (DuckDB spills to disk
   * beside it); default `':memory:'`.
   */
  path?: string;
  /** DuckDB's `memory_limit`, e.g. `'400MB'`; default DuckDB's (80% of RAM). */
  memoryLimit?: string;
  /** DuckDB's `threads`; default DuckDB's (one per core). */
  threads?: number;
  /** Where DuckDB spills when over the memory limit; default DuckDB's (`<path>.tmp`). */
  tempDirectory?: string;
}

/** An embedded DuckDB database, in memory or in a file, through `@duckdb/node-api`. */
export class DuckDbEngine implements SqlEngine {
  readonly dialect: SqlDialect = duckdbDialect;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection) {
    this.#instance = instance;
    this.#connection = connection;
  }

  /** Opens (or creates) a database. */
  static async open(options: DuckDbOptions = {}): Promise<DuckDbEngine> {
    const settings: Record<string, string> = {};
    if (options.memoryLimit !== undefined) settings['memory_limit'] = options.memoryLimit;
    if (options.threads !== undefined) settings['threads'] = String(options.threads);
    if (options.tempDirectory !== undefined) settings['temp_directory'] = options.tempDirectory;
    const instance = await DuckDBInstance.create(options.path ?? ':memory:', settings);
    return new DuckDbEngine(instance, await instance.connect());
  }

  async execute(statements: readonly string[]): Promise<void> {
    for (const sql of statements) await this.#connection.run(sql);
  }

  async executeOnShards(statements: readonly string[]): Promise<void> {
    await this.execute(statements);
  }

  shardTable(table: string): string {
    return table;
  }

  async unionShards(): Promise<void> {}

  async broadcast(): Promise<void> {}

  async query(sql: string): Promise<NumericColumns> {
    const blocks: NumericColumns[] = [];
    await this.queryEach(sql, (block) => blocks.push(block));
    return concatBlocks(blocks);
  }

  async queryEach(sql: string, onBlock: (block: NumericColumns) => void): Promise<void> {
    const result = await this.#connection.stream(sql);
    const names = result.columnNames();
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const columns = chunk.getColumns();
      const block: NumericColumns = {};
      names.forEach((name, c) => (block[name] = Float64Array.from(columns[c] ?? [], (v) => (v === null ? Number.NaN : Number(v)))));
      onBlock(block);
    }
  }

  async writeTriples(table: string, task: Int32Array, worker: Int32Array, label: Int32Array): Promise<void> {
    await this.execute([`CREATE OR REPLACE TABLE ${table} (task INTEGER, worker INTEGER, label INTEGER)`]);
    const appender = await this.#connection.createAppender(table);
    for (let e = 0; e < task.length; e++) {
      appender.appendInteger(task[e] as number);
      appender.appendInteger(worker[e] as number);
      appender.appendInteger(label[e] as number);
      appender.endRow();
    }
    appender.closeSync();
  }

  async queryStrings(sql: string): Promise<Record<string, string[]>> {
    const reader = await this.#connection.runAndReadAll(sql);
    const columns = reader.getColumns();
    const out: Record<string, string[]> = {};
    reader.columnNames().forEach((name, c) => (out[name] = (columns[c] ?? []).map((v) => String(v))));
    return out;
  }

  async createTriples(table: string, select: string): Promise<void> {
    await this.execute([`CREATE OR REPLACE TABLE ${table} AS SELECT CAST(task AS INTEGER) AS task, CAST(worker AS INTEGER) AS worker, CAST(label AS INTEGER) AS label FROM (${select}) AS triples`]);
  }

  async importLabelFile(raw: string, file: LabelFile): Promise<void> {
    const d = this.dialect;
    const path = stringLiteral(file.path);
    const reader = file.format === 'parquet' ? `read_parquet(${path})` : `read_csv(${path}, header = true, all_varchar = true)`;
    const { task, worker, label } = file.columns;
    const pick = (column: string, as: string) => `CAST(${d.identifier(column)} AS VARCHAR) AS ${as}`;
    await this.execute([`CREATE OR REPLACE TABLE ${raw} AS SELECT ${pick(task, 'task_name')}, ${pick(worker, 'worker_name')}, ${pick(label, 'label_name')} FROM ${reader}`]);
  }

  /** Runs any statement (loading files, settings); for what the plans do not cover. */
  async run(sql: string): Promise<void> {
    await this.#connection.run(sql);
  }

  async close(): Promise<void> {
    this.#connection.closeSync();
    this.#instance.closeSync();
  }
}

/** The blocks of a streamed result as one set of columns. */
function concatBlocks(blocks: readonly NumericColumns[]): NumericColumns {
  const out: NumericColumns = {};
  const first = blocks[0];
  if (first === undefined) return out;
  for (const name of Object.keys(first)) {
    const column = new Float64Array(blocks.reduce((n, b) => n + (b[name] as Float64Array).length, 0));
    let at = 0;
    for (const b of blocks) {
      column.set(b[name] as Float64Array, at);
      at += (b[name] as Float64Array).length;
    }
    out[name] = column;
  }
  return out;
}
