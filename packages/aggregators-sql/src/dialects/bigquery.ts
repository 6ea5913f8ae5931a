import { variadic, type SqlDialect } from './dialect.js';

/** BigQuery's dialect (plans generated and checked against golden files; BigQuery cannot run here). */
export const bigqueryDialect: SqlDialect = {
  name: 'bigquery',
  createTableAs: (name, select) => [`CREATE OR REPLACE TABLE ${name} AS ${select}`],
  dropTable: (name) => `DROP TABLE IF EXISTS ${name}`,
  innerJoin: 'JOIN',
  ln: (x) => `LN(${x})`,
  greatest: variadic('GREATEST'),
  least: variadic('LEAST'),
};
