import { STANDARD_SQL, type SqlDialect } from './dialect.js';

/** Trino's dialect (plans generated and checked against golden files; no Trino runs here). */
export const trinoDialect: SqlDialect = {
  ...STANDARD_SQL,
  name: 'trino',
  createTableAs: (name, select) => [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} AS ${select}`],
};
