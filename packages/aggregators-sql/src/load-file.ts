import { extname } from 'node:path';
import { CrowdError, isCrowdError, sortClassIds } from '@crowdlearn/core-matrix';
import { assertIdentifier } from './plans/tables.js';
import { queryScalar, type LabelColumns, type SqlEngine } from './engine.js';
import { stringLiteral } from './dialects/dialect.js';
import type { SqlLabelTable } from './label-table.js';

/** Options of {@link loadLabelFile}. */
export interface LoadLabelFileOptions {
  /** `csv` or `parquet`; default from the file's extension. */
  format?: 'csv' | 'parquet';
  /** The file's column names; default `task`, `worker`, `label`. */
  columns?: Partial<LabelColumns>;
  /** The class list in index order; default the classes seen, sorted as every crowdlearn reader sorts them. */
  classes?: readonly string[];
  /** Prefix of the tables the load creates (default `cl_`): `<prefix>labels`, `<prefix>task_names`, `<prefix>worker_names`. */
  tablePrefix?: string;
}

/** A label table loaded from a file, with the tables that name its ids. */
export interface LoadedLabelTable extends SqlLabelTable {
  /** Table of (`task_name`, `task`): task names by id. */
  taskNames: string;
  /** Table of (`worker_name`, `worker`): worker names by id. */
  workerNames: string;
  /** Class names by index. */
  classes: string[];
}

/**
 * Loads a label file with the engine's own reader, so that the labels never
 * pass through this process: the engine reads the file, numbers task and
 * worker names (in sorted order) and writes the integer triples the methods
 * read. Only the class names (K values) and the sizes come back.
 *
 * Throws a `CrowdError` naming the file when it has no rows, a named column
 * is missing, or a label is not one of the given `classes`; the engine's
 * own parse errors (with its line numbers) come through with the file named.
 */
export async function loadLabelFile(engine: SqlEngine, path: string, options: LoadLabelFileOptions = {}): Promise<LoadedLabelTable> {
  const d = engine.dialect;
  const prefix = options.tablePrefix ?? 'cl_';
  assertIdentifier(prefix, 'table prefix');
  const raw = `${prefix}raw_labels`;
  const taskNames = `${prefix}task_names`;
  const workerNames = `${prefix}worker_names`;
  const table = `${prefix}labels`;
  const format = options.format ?? formatOf(path);
  const columns = { task: 'task', worker: 'worker', label: 'label', ...options.columns };
  try {
    await engine.importLabelFile(raw, { path, format, columns });
  } catch (error) {
    if (isCrowdError(error)) throw error;
    throw new CrowdError('PARSE_ERROR', `the engine could not read the labels: ${(error as Error).message}`, { source: path, cause: error });
  }
  const numLabels = await queryScalar(engine, `SELECT count(*) AS n FROM ${raw}`);
  if (!(numLabels > 0)) throw new CrowdError('PARSE_ERROR', `no labels (a header and at least one row were expected)`, { source: path });
  const seen = (await engine.queryStrings(`SELECT DISTINCT label_name FROM ${raw}`))['label_name'] ?? [];
  const classes = options.classes !== undefined ? [...options.classes] : (sortClassIds(seen).ids as string[]);
  const unknown = seen.filter((c) => !classes.includes(c));
  if (unknown.length > 0) {
    throw new CrowdError('PARSE_ERROR', `label ${JSON.stringify(unknown[0])} is not one of the classes ${JSON.stringify(classes)}`, { source: path });
  }
  if (classes.length < 2) throw new CrowdError('INVALID_ARGUMENT', `SQL aggregation needs at least two classes`, { source: path });
  await engine.execute([
    ...d.createTableAs(taskNames, d.numberRows(`SELECT DISTINCT task_name FROM ${raw}`, 'task_name', 'task')),
    ...d.createTableAs(workerNames, d.numberRows(`SELECT DISTINCT worker_name FROM ${raw}`, 'worker_name', 'worker')),
  ]);
  const classIndex = `CASE ${classes.slice(0, -1).map((c, k) => `WHEN label_name = ${stringLiteral(c, d.name === 'clickhouse')} THEN ${k}`).join(' ')} ELSE ${classes.length - 1} END`;
  const withTask = `SELECT task, worker_name, label_name FROM ${raw} ${d.innerJoin} ${taskNames} USING (task_name)`;
  await engine.createTriples(table, `SELECT task, worker, ${classIndex} AS label FROM (${withTask}) AS with_task ${d.innerJoin} ${workerNames} USING (worker_name)`);
  await engine.execute([d.dropTable(raw)]);
  return {
    table,
    numItems: await queryScalar(engine, `SELECT count(*) AS n FROM ${taskNames}`),
    numWorkers: await queryScalar(engine, `SELECT count(*) AS n FROM ${workerNames}`),
    numClasses: classes.length,
    numLabels,
    taskNames,
    workerNames,
    classes,
  };
}

/** Task (or worker) names by id, from a loaded table's name table. */
export async function readNames(engine: SqlEngine, namesTable: string, kind: 'task' | 'worker'): Promise<string[]> {
  return (await engine.queryStrings(`SELECT ${kind}_name FROM ${namesTable} ORDER BY ${kind}`))[`${kind}_name`] ?? [];
}

function formatOf(path: string): 'csv' | 'parquet' {
  const ext = extname(path).toLowerCase();
  if (ext === '.parquet') return 'parquet';
  if (ext === '.csv') return 'csv';
  throw new CrowdError('INVALID_ARGUMENT', 'cannot tell the format from the extension', { source: path, expected: "a .csv or .parquet file, or the format option" });
}
