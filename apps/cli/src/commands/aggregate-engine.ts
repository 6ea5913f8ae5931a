import { extname } from 'node:path';
import { accuracy, CrowdError, type ResultTable } from '@crowdlearn/core-matrix';
import { loadLabelFile, openEngine, readNames, sqlAggregate, writeCrowdLabels, type SqlEngine, type SqlLabelTable } from '@crowdlearn/aggregators-sql';
import { columnMapping, loadInput, type InputOptions } from '../input.js';
import { aggregateReport, aggregateSummaryLines, assertWritable, fmt, isStdout, printJson, writeOutput } from '../output.js';
import { encodeTable, tableFormat } from '../table-output.js';

/** The options of `aggregate` that choose and configure an SQL engine. */
export interface EngineCommandOptions {
  /** `duckdb` or `clickhouse`. */
  engine?: string;
  /** ClickHouse: comma-separated server URLs (one per shard with --engine-cluster). */
  engineUrl?: string;
  /** ClickHouse: the cluster the servers form. */
  engineCluster?: string;
  /** DuckDB: a database file instead of memory. */
  engineDb?: string;
  /** DuckDB: memory limit, e.g. 400MB. */
  memoryLimit?: string;
  /** Column names of a file the engine reads: task,worker,label. */
  columns?: string;
}

/** What `aggregateInEngine` needs of the aggregate command's options. */
export interface AggregateInEngineOptions extends EngineCommandOptions, InputOptions {
  method: string;
  seed?: number;
  out?: string;
  outFormat?: string;
  force?: boolean;
  json?: boolean;
}

/** Labels in the engine, with what the report and the output need. */
interface EngineInput {
  source: string;
  table: SqlLabelTable;
  /** Task names and class names for the output, fetched when needed. */
  names(): Promise<{ tasks: string[]; classes: string[] }>;
  /** Accuracy against gold, when the input had gold. */
  accuracy?(labels: Int32Array): { accuracy: number; goldItems: number };
}

/**
 * `crowdlearn aggregate --engine duckdb|clickhouse`: the method runs inside
 * the engine. A `.csv` or `.parquet` labels file is read by the engine
 * itself (columns task, worker, label, or --columns), so the labels never
 * pass through this process; a bundled dataset or another format is read
 * here and written to the engine. Same report and output as without an engine.
 */
export async function aggregateInEngine(file: string | undefined, o: AggregateInEngineOptions, options: { maxIterations?: number; tol?: number } = {}): Promise<void> {
  assertWritable(o.out, o.force === true);
  const engine = await openEngine({
    engine: o.engine as string,
    ...(o.engineDb !== undefined ? { path: o.engineDb } : {}),
    ...(o.memoryLimit !== undefined ? { memoryLimit: o.memoryLimit } : {}),
    ...(o.engineUrl !== undefined ? { urls: o.engineUrl.split(',').map((u) => u.trim()) } : {}),
    ...(o.engineCluster !== undefined ? { cluster: o.engineCluster } : {}),
  });
  try {
    const t0 = performance.now();
    const input = await engineInput(engine, file, o);
    const result = await sqlAggregate(engine, input.table, o.method, { ...options, seed: o.seed ?? 0 });
    const seconds = (performance.now() - t0) / 1000;
    const { table } = input;
    const report = aggregateReport(o.method, { engine: o.engine }, input.source, table, seconds, result);
    const scored = input.accuracy?.(result.labels);
    if (scored !== undefined) Object.assign(report, scored);
    if (o.out !== undefined) {
      const { tasks, classes } = await input.names();
      const K = classes.length;
      const table: ResultTable = { columns: ['item', 'label', 'confidence'], size: result.labels.length, row: (i) => [tasks[i] as string, classes[result.labels[i] as number] as string, result.posteriors[i * K + (result.labels[i] as number)] as number] };
      await writeOutput(o.out, await encodeTable(table, tableFormat(o.out, o.outFormat)), o.force === true);
      if (!isStdout(o.out)) report.out = o.out;
    }
    if (o.json === true) return printJson(report);
    const lines = aggregateSummaryLines(`${o.method} in ${o.engine}`, input.source, table, seconds, result.iterations);
    if (scored !== undefined) lines.push(`accuracy ${fmt(100 * scored.accuracy, 2)}% on ${scored.goldItems} gold items`);
    if (report.out !== undefined) lines.push(`labels written to ${o.out as string}`);
    (isStdout(o.out) ? process.stderr : process.stdout).write(lines.join('\n') + '\n');
  } finally {
    await engine.close();
  }
}

async function engineInput(engine: SqlEngine, file: string | undefined, o: AggregateInEngineOptions): Promise<EngineInput> {
  const ext = file === undefined ? '' : extname(file).toLowerCase();
  if (file !== undefined && o.dataset === undefined && (ext === '.csv' || ext === '.parquet')) {
    if (o.gold !== undefined) throw new CrowdError('INVALID_ARGUMENT', '--gold is read only with labels this process reads', { expected: 'no --gold with a .csv or .parquet file the engine reads' });
    const table = await loadLabelFile(engine, file, { columns: columnNames(o.columns) });
    return { source: file, table, names: async () => ({ tasks: await readNames(engine, table.taskNames, 'task'), classes: table.classes }) };
  }
  const input = await loadInput(file, o);
  const table = await writeCrowdLabels(engine, input.labels);
  const { labels, gold } = input;
  return {
    source: input.source,
    table,
    names: async () => ({ tasks: labels.items.ids().map(String), classes: labels.classes.ids().map(String) }),
    ...(gold !== undefined && gold.size > 0 ? { accuracy: (inferred: Int32Array) => ({ accuracy: accuracy(inferred, gold), goldItems: gold.size }) } : {}),
  };
}

/** The engine's column names from `--columns item=...,worker=...,label=...` (all three). */
function columnNames(list: string | undefined): { task: string; worker: string; label: string } | undefined {
  const mapping = columnMapping(list);
  if (mapping === undefined) return undefined;
  const { item, worker, label } = mapping;
  if (typeof item !== 'string' || typeof worker !== 'string' || typeof label !== 'string' || mapping.gold !== undefined) {
    throw new CrowdError('INVALID_ARGUMENT', 'bad --columns for a file the engine reads', { expected: 'item=<name>,worker=<name>,label=<name>', found: String(list) });
  }
  return { task: item, worker, label };
}
