import type { SqlDialect } from './dialects/dialect.js';

/** Numeric columns of a query result, by column name, all of the same length. */
export type NumericColumns = Record<string, Float64Array>;

/**
 * An SQL engine the EM plans run on. The methods send it statements and
 * small queries; only scalars, the class prior and, at the end, the
 * posteriors and worker parameters come back to the client.
 */
export interface SqlEngine {
  /** The dialect the engine's plans are written in. */
  readonly dialect: SqlDialect;
  /** Runs statements in order on the coordinator (the only node of a single-node engine). */
  execute(statements: readonly string[]): Promise<void>;
  /**
   * Runs statements on every shard, each over its own partition of the
   * tasks (the E-step); a single-node engine runs them once.
   */
  executeOnShards(statements: readonly string[]): Promise<void>;
  /** The name of a table's per-shard part: `table` itself on a single node. */
  shardTable(table: string): string;
  /**
   * After `executeOnShards` created `shardTable(table)` on every shard, makes
   * `table` read all the shards' rows (a ClickHouse Distributed table); a
   * single-node engine does nothing.
   */
  unionShards(table: string): Promise<void>;
  /** Copies a small coordinator table (the worker parameters) to every other shard; nothing on a single node. */
  broadcast(table: string): Promise<void>;
  /** Runs a query whose columns are all numeric (or null, read as NaN). */
  query(sql: string): Promise<NumericColumns>;
  /**
   * Runs a numeric query and hands its rows over in blocks, so that a large
   * result (the posteriors of millions of tasks) is never held twice.
   */
  queryEach(sql: string, onBlock: (block: NumericColumns) => void): Promise<void>;
  /**
   * Creates `table` (`task`, `worker`, `label` as 32-bit integers) and fills
   * it with the given triples, replacing any table of that name; on a
   * cluster, the rows are partitioned by task across the shards.
   */
  writeTriples(table: string, task: Int32Array, worker: Int32Array, label: Int32Array): Promise<void>;
  /** Runs a query and returns its columns as strings (names of tasks, workers, classes). */
  queryStrings(sql: string): Promise<Record<string, string[]>>;
  /**
   * Creates `table` (`task`, `worker`, `label` as 32-bit integers) from a
   * query over tables on the coordinator; on a cluster, the rows are
   * partitioned by task across the shards.
   */
  createTriples(table: string, select: string): Promise<void>;
  /**
   * Reads a label file with the engine's own reader into table `raw`, with
   * the string columns `task_name`, `worker_name`, `label_name` taken from
   * the file's columns named in `columns`.
   */
  importLabelFile(raw: string, file: LabelFile): Promise<void>;
  /** Releases the engine's connections. */
  close(): Promise<void>;
}

/** A file of label triples, one label per row, with a header. */
export interface LabelFile {
  /** Path of the file. */
  path: string;
  /** `csv` (comma-separated, a header row) or `parquet`. */
  format: 'csv' | 'parquet';
  /** The file's column names of the task, the worker and the label. */
  columns: LabelColumns;
}

/** The names of a label file's three columns. */
export interface LabelColumns {
  /** The task (item) column. */
  task: string;
  /** The worker column. */
  worker: string;
  /** The label column. */
  label: string;
}

/** The single value of a one-row, one-column query (NaN for SQL NULL). */
export async function queryScalar(engine: SqlEngine, sql: string): Promise<number> {
  const columns = Object.values(await engine.query(sql));
  return columns[0]?.[0] ?? Number.NaN;
}
