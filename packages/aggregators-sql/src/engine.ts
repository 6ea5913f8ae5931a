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
  /** Runs statements in order. */
  execute(statements: readonly string[]): Promise<void>;
  /** Runs a query whose columns are all numeric (or null, read as NaN). */
  query(sql: string): Promise<NumericColumns>;
  /**
   * Creates `table` (`task`, `worker`, `label` as 32-bit integers) and fills
   * it with the given triples, replacing any table of that name.
   */
  writeTriples(table: string, task: Int32Array, worker: Int32Array, label: Int32Array): Promise<void>;
  /** Releases the engine's connections. */
  close(): Promise<void>;
}

/** The single value of a one-row, one-column query (NaN for SQL NULL). */
export async function queryScalar(engine: SqlEngine, sql: string): Promise<number> {
  const columns = Object.values(await engine.query(sql));
  return columns[0]?.[0] ?? Number.NaN;
}
