import { bigqueryDialect } from './bigquery.js';
import { clickhouseDialect } from './clickhouse.js';
import type { DialectName, SqlDialect } from './dialect.js';
import { duckdbDialect } from './duckdb.js';
import { sparkDialect } from './spark.js';
import { trinoDialect } from './trino.js';

/** Every dialect, by name. */
export const DIALECTS: Readonly<Record<DialectName, SqlDialect>> = {
  duckdb: duckdbDialect,
  clickhouse: clickhouseDialect,
  spark: sparkDialect,
  trino: trinoDialect,
  bigquery: bigqueryDialect,
};
