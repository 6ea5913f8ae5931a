import { variadic, windowRowNumber, type SqlDialect } from './dialect.js';

/** DuckDB's dialect (embedded, from Node through `@duckdb/node-api`). */
export const duckdbDialect: SqlDialect = {
  name: 'duckdb',
  createTableAs: (name, select) => [`CREATE OR REPLACE TABLE ${name} AS ${select}`],
  dropTable: (name) => `DROP TABLE IF EXISTS ${name}`,
  renameTable: (from, to) => `ALTER TABLE ${from} RENAME TO ${to}`,
  innerJoin: 'JOIN',
  ln: (x) => `ln(${x})`,
  greatest: variadic('greatest'),
  identifier: (name) => `"${name.replace(/"/g, '""')}"`,
  numberRows: windowRowNumber,
  least: variadic('least'),
};
