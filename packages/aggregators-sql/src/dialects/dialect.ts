/** The SQL engines whose dialect the plans can be written in. */
export type DialectName = 'duckdb' | 'clickhouse' | 'spark' | 'trino' | 'bigquery';

/**
 * What differs between engines in the plans' SQL: function names, how a
 * table is (re)created from a query, how an equi-join is spelt, and double
 * literals. Everything else in the plans is the SQL these engines share:
 * nested subqueries (no CTEs, which old ClickHouse lacks), one join per
 * SELECT, `JOIN ... USING` on columns that carry the same name on both
 * sides, `CASE WHEN`, `sum`, `avg`, `count(*)`, `exp`, `abs`, `max`.
 */
export interface SqlDialect {
  /** Which engine. */
  readonly name: DialectName;
  /** Statements that replace table `name` by the rows of `select`. */
  createTableAs(name: string, select: string): string[];
  /** Statement that drops table `name` if it exists. */
  dropTable(name: string): string;
  /** Statement that renames table `from` to `to`. */
  renameTable(from: string, to: string): string;
  /** The keyword(s) of an inner equi-join, used as `<left> <join> <right> USING (...)`. */
  readonly innerJoin: string;
  /** Natural logarithm of an expression. */
  ln(expression: string): string;
  /** The largest of two or more expressions. */
  greatest(expressions: readonly string[]): string;
  /** The smallest of two or more expressions. */
  least(expressions: readonly string[]): string;
  /** A quoted identifier (a column name from a user's file). */
  identifier(name: string): string;
  /**
   * `SELECT <column>, <id> FROM (<distinctNames>)` numbering the rows 0, 1, ...
   * in the order of `<column>`: the dense ids of task and worker names.
   */
  numberRows(distinctNames: string, column: string, id: string): string;
}

/** A string literal in single quotes, quotes doubled (and backslashes doubled where they escape). */
export function stringLiteral(text: string, backslashEscapes = false): string {
  const body = backslashEscapes ? text.replace(/\\/g, '\\\\') : text;
  return `'${body.replace(/'/g, "''")}'`;
}

/** Row numbering with the standard window function, for the engines that have it. */
export function windowRowNumber(distinctNames: string, column: string, id: string): string {
  return `SELECT ${column}, CAST(row_number() OVER (ORDER BY ${column}) - 1 AS INTEGER) AS ${id} FROM (${distinctNames}) AS names`;
}

/**
 * A double literal that every dialect reads as exactly `x`: JavaScript's
 * shortest round-trip digits in exponent form, which the engines all parse
 * as a binary64 (a plain `0.1` is a DECIMAL in DuckDB and Trino); negative
 * values in parentheses.
 */
export function doubleLiteral(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`no SQL literal for ${x}`);
  const text = x.toExponential().replace('e+', 'e');
  // negative values in parentheses: "p0 * (-1e0)", never "p0 * -1e0"
  return x < 0 || Object.is(x, -0) ? `(${text})` : text;
}

/**
 * Statements that replace table `name` by `select`, which may read `name`
 * itself: the rows go to `<name>_next` first, then it takes the name.
 */
export function replaceTable(d: SqlDialect, name: string, select: string): string[] {
  const next = `${name}_next`;
  return [...d.createTableAs(next, select), d.dropTable(name), d.renameTable(next, name)];
}

/** `greatest`/`least` for engines whose functions take any number of arguments. */
export function variadic(name: string): (expressions: readonly string[]) => string {
  return (expressions) => (expressions.length === 1 ? (expressions[0] as string) : `${name}(${expressions.join(', ')})`);
}

/**
 * The parts DuckDB, Spark SQL, Trino and BigQuery spell alike (standard
 * drop, rename and join, variadic greatest/least, `ln`, window row numbers,
 * double-quoted identifiers); each of them states only where it differs.
 */
export const STANDARD_SQL: Omit<SqlDialect, 'name' | 'createTableAs'> = {
  dropTable: (name) => `DROP TABLE IF EXISTS ${name}`,
  renameTable: (from, to) => `ALTER TABLE ${from} RENAME TO ${to}`,
  innerJoin: 'JOIN',
  ln: (x) => `ln(${x})`,
  greatest: variadic('greatest'),
  least: variadic('least'),
  identifier: (name) => `"${name.replace(/"/g, '""')}"`,
  numberRows: windowRowNumber,
};
