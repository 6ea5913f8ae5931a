import { variadic, windowRowNumber, type SqlDialect } from './dialect.js';

/** Trino's dialect (plans generated and checked against golden files; no Trino runs here). */
export const trinoDialect: SqlDialect = {
  name: 'trino',
  createTableAs: (name, select) => [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} AS ${select}`],
  dropTable: (name) => `DROP TABLE IF EXISTS ${name}`,
  renameTable: (from, to) => `ALTER TABLE ${from} RENAME TO ${to}`,
  innerJoin: 'JOIN',
  ln: (x) => `ln(${x})`,
  greatest: variadic('greatest'),
  identifier: (name) => `"${name.replace(/"/g, '""')}"`,
  numberRows: windowRowNumber,
  least: variadic('least'),
};
