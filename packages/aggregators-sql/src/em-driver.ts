import type { SqlDialect } from './dialects/dialect.js';
import { queryScalar, type SqlEngine } from './engine.js';
import type { SqlLabelTable } from './label-table.js';
import { classColumns } from './plans/columns.js';
import { SQL_EPS } from './plans/confusion-m-step.js';
import { eStepSelect, type WorkerLayout } from './plans/e-step.js';
import { logLikelihoodQuery, priorQuery } from './plans/objectives.js';
import { emTables, type EmTables } from './plans/tables.js';
import { softVoteSelect } from './plans/vote.js';

/** What the EM loop needs to know about one method of the confusion-matrix family. */
export interface SqlEmMethod {
  /** The workers table's layout, which the E-step reads. */
  layout: WorkerLayout;
  /** The M-step's statements (they rebuild the workers table from the posteriors). */
  mStep(d: SqlDialect, t: EmTables, K: number): string[];
  /** Statements to run before each M-step (ZenCrowd keeps the previous skills). */
  beforeMStep?(d: SqlDialect, t: EmTables): string[];
  /** Whether the M-step re-estimates the class prior (else it stays uniform). */
  estimatePrior: boolean;
  /** Iteration limit. */
  maxIterations: number;
  /** The stopping rule, after each M-step, with the new prior; true stops. */
  converged(state: EmState): Promise<boolean>;
}

/** What a stopping rule can look at. */
export interface EmState {
  /** The engine. */
  engine: SqlEngine;
  /** The run's tables. */
  tables: EmTables;
  /** The labels. */
  input: SqlLabelTable;
  /** The prior the M-step just estimated (or the fixed one). */
  prior: Float64Array;
}

/** The fitted posteriors and the loop's record; the worker model stays in the engine. */
export interface SqlEmOutcome {
  /** N x K posteriors, empty tasks filled with the prior. */
  posteriors: Float64Array;
  /** The final class prior. */
  prior: Float64Array;
  /** Iterations run. */
  iterations: number;
  /** Whether the stopping rule was met. */
  converged: boolean;
  /** Marginal log-likelihood at each E-step. */
  logLikelihoods: number[];
  /** The tables the run used (the workers table holds the worker model). */
  tables: EmTables;
}

/**
 * The EM loop of `@crowdlearn/aggregators`' DS family, step for step, with
 * every pass over the labels done by the engine: soft MV, M-step, then
 * E-step (log-likelihood recorded), M-step, stopping rule, until it stops.
 * The client holds only the K prior values between iterations.
 */
export async function runSqlEm(engine: SqlEngine, input: SqlLabelTable, method: SqlEmMethod, prefix?: string): Promise<SqlEmOutcome> {
  const d = engine.dialect;
  const K = input.numClasses;
  const tables = { ...emTables(prefix), labels: input.table };
  const { onShards, mStepView } = shardViews(engine, tables);
  const uniform = new Float64Array(K).fill(1 / K);
  const estimate = async () => (method.estimatePrior ? readRow(engine, priorQuery(tables, K), 'p', K) : uniform);
  // The E-step and the soft vote run on each shard over its own tasks; the
  // M-step aggregates over all shards on the coordinator, whose worker
  // parameters are then copied to the shards.
  const mStep = async () => {
    await engine.execute(method.mStep(d, mStepView, K));
    await engine.broadcast(tables.workers);
  };
  await engine.executeOnShards(d.createTableAs(onShards.posteriors, softVoteSelect(d, onShards, K)));
  await engine.unionShards(tables.posteriors);
  await mStep();
  let prior = await estimate();
  const logLikelihoods: number[] = [];
  let iterations = 0;
  let converged = false;
  while (iterations < method.maxIterations) {
    iterations++;
    const logPrior = prior.map((p) => Math.log(Math.max(p, SQL_EPS)));
    await engine.executeOnShards(d.createTableAs(onShards.posteriors, eStepSelect(d, onShards, K, logPrior, method.layout)));
    logLikelihoods.push(await queryScalar(engine, logLikelihoodQuery(tables)));
    if (method.beforeMStep !== undefined) await engine.execute(method.beforeMStep(d, tables));
    await mStep();
    prior = await estimate();
    if (await method.converged({ engine, tables, input, prior })) {
      converged = true;
      break;
    }
  }
  const posteriors = await readPosteriors(engine, tables, input, prior);
  return { posteriors, prior, iterations, converged, logLikelihoods, tables };
}

/**
 * The table names each kind of step sees: on the shards, the per-shard
 * labels and posteriors; in the M-step (on the coordinator), all labels
 * joined with each shard's own posteriors (ClickHouse runs a non-GLOBAL
 * join's right side on every shard, where tasks are co-located).
 */
export function shardViews(engine: SqlEngine, tables: EmTables): { onShards: EmTables; mStepView: EmTables } {
  const posteriors = engine.shardTable(tables.posteriors);
  return {
    onShards: { ...tables, labels: engine.shardTable(tables.labels), posteriors },
    mStepView: { ...tables, posteriors },
  };
}

/** The posteriors table as an N x K array; tasks without labels get `fill`. */
export async function readPosteriors(engine: SqlEngine, t: EmTables, input: SqlLabelTable, fill: ArrayLike<number>): Promise<Float64Array> {
  const K = input.numClasses;
  const p = classColumns('p', K);
  const out = new Float64Array(input.numItems * K);
  for (let i = 0; i < input.numItems; i++) for (let k = 0; k < K; k++) out[i * K + k] = fill[k] as number;
  await engine.queryEach(`SELECT task, ${p.join(', ')} FROM ${t.posteriors}`, (block) => {
    const task = block['task'] as Float64Array;
    for (let k = 0; k < K; k++) {
      const column = block[p[k] as string] as Float64Array;
      for (let j = 0; j < task.length; j++) out[(task[j] as number) * K + k] = column[j] as number;
    }
  });
  return out;
}

/** The K values `<name>0..<name>{K-1}` of a one-row query. */
async function readRow(engine: SqlEngine, sql: string, name: string, K: number): Promise<Float64Array> {
  const columns = await engine.query(sql);
  return Float64Array.from(classColumns(name, K), (c) => columns[c]?.[0] ?? Number.NaN);
}
