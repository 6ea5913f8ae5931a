import { STANDARD_SQL, type SqlDialect } from './dialect.js';

/** DuckDB's dialect (embedded, from Node through `@duckdb/node-api`). */
export const duckdbDialect: SqlDialect = {
  ...STANDARD_SQL,
  name: 'duckdb',
  createTableAs: (name, select) => [`CREATE OR REPLACE TABLE ${name} AS ${select}`],
};
