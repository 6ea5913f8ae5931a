import type { SqlDialect } from './dialect.js';

/**
 * ClickHouse's dialect, down to the 18.16 server Debian ships: no
 * `CREATE OR REPLACE`, so a drop then a create with an engine; `ALL INNER
 * JOIN`; `log` is the natural logarithm; `greatest`/`least` take exactly two
 * arguments, so longer lists nest.
 */
export const clickhouseDialect: SqlDialect = {
  name: 'clickhouse',
  createTableAs: (name, select) => [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} ENGINE = Memory AS ${select}`],
  dropTable: (name) => `DROP TABLE IF EXISTS ${name}`,
  renameTable: (from, to) => `RENAME TABLE ${from} TO ${to}`,
  innerJoin: 'ALL INNER JOIN',
  ln: (x) => `log(${x})`,
  greatest: (xs) => nestPairs('greatest', xs),
  least: (xs) => nestPairs('least', xs),
  identifier: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
  // no window functions before 21.x: number the rows of a sorted subquery
  numberRows: (names, column, id) => `SELECT ${column}, toInt32(rowNumberInAllBlocks()) AS ${id} FROM (${names} ORDER BY ${column})`,
};

function nestPairs(name: string, xs: readonly string[]): string {
  return xs.slice(1).reduce((acc, x) => `${name}(${acc}, ${x})`, xs[0] as string);
}
