import { STANDARD_SQL, variadic, type SqlDialect } from './dialect.js';

/** BigQuery's dialect (plans generated and checked against golden files; BigQuery cannot run here). */
export const bigqueryDialect: SqlDialect = {
  ...STANDARD_SQL,
  name: 'bigquery',
  createTableAs: (name, select) => [`CREATE OR REPLACE TABLE ${name} AS ${select}`],
  ln: (x) => `LN(${x})`,
  greatest: variadic('GREATEST'),
  least: variadic('LEAST'),
  identifier: (name) => `\`${name.replace(/`/g, '\\`')}\``,
  numberRows: (names, column, id) => `SELECT ${column}, CAST(ROW_NUMBER() OVER (ORDER BY ${column}) - 1 AS INT64) AS ${id} FROM (${names}) AS names`,
};
