import { variadic, windowRowNumber, type SqlDialect } from './dialect.js';

/** Spark SQL's dialect (plans generated and checked against golden files; no Spark runs here). */
export const sparkDialect: SqlDialect = {
  name: 'spark',
  createTableAs: (name, select) => [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} USING parquet AS ${select}`],
  dropTable: (name) => `DROP TABLE IF EXISTS ${name}`,
  renameTable: (from, to) => `ALTER TABLE ${from} RENAME TO ${to}`,
  innerJoin: 'JOIN',
  ln: (x) => `ln(${x})`,
  greatest: variadic('greatest'),
  identifier: (name) => `\`${name.replace(/`/g, '``')}\``,
  numberRows: windowRowNumber,
  least: variadic('least'),
};
