import { STANDARD_SQL, type SqlDialect } from './dialect.js';

/** Spark SQL's dialect (plans generated and checked against golden files; no Spark runs here). */
export const sparkDialect: SqlDialect = {
  ...STANDARD_SQL,
  name: 'spark',
  createTableAs: (name, select) => [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} USING parquet AS ${select}`],
  identifier: (name) => `\`${name.replace(/`/g, '``')}\``,
};
