import { RowArgmax } from '@crowdlearn/core-matrix';
import { conjugateGradientProgram, type CGResult, type CgProgram, type CgRequest, type GladOptions, type GladResult } from '@crowdlearn/aggregators';
import { doubleLiteral } from '../dialects/dialect.js';
import type { SqlEngine } from '../engine.js';
import { readPosteriors } from '../em-driver.js';
import type { SqlLabelTable } from '../label-table.js';
import { gladColumns, gladEStep, gladEvaluate, gladEvaluationSums, gladStartTasks, gladStartWorkers, gladTargets, gladUpdate, gladVectorSums } from '../plans/glad.js';
import { emTables, type EmTables } from '../plans/tables.js';
import type { SqlMethodOptions } from './options.js';

/** Options of {@link sqlGlad}: `glad`'s, from `@crowdlearn/aggregators`, with their defaults. */
export interface SqlGladOptions extends SqlMethodOptions, Omit<GladOptions, keyof SqlMethodOptions> {}

/**
 * GLAD in the engine: `glad` of `@crowdlearn/aggregators` step for step. The
 * EM loop is the kernel's; the M-step is the same conjugate-gradient program
 * (`conjugateGradientProgram`), whose vector operations run as SQL over a
 * workers table and a tasks table (α, β, gradients and directions), each
 * evaluation of Q being two passes over the labels. Only scalars come back
 * per operation. `objective` is Q per (label, class) pair after each M-step,
 * as the kernel's.
 */
export async function sqlGlad(engine: SqlEngine, input: SqlLabelTable, options: SqlGladOptions = {}): Promise<GladResult> {
  const d = engine.dialect;
  const K = input.numClasses;
  const tables: EmTables = { ...emTables(options.tablePrefix), labels: input.table };
  const shard = (name: string) => engine.shardTable(name);
  // Per-shard statements see the shard's labels, posteriors and tasks; the coordinator sees all.
  const onShards: EmTables = { ...tables, labels: shard(tables.labels), posteriors: shard(tables.posteriors), tasks: shard(tables.tasks), workerPartials: shard(tables.workerPartials) };
  const means = { alpha: options.alphaPriorMean ?? 1, beta: options.betaPriorMean ?? 1 };
  const logPrior = Float64Array.from({ length: K }, (_, k) => Math.log(options.prior?.[k] ?? 1 / K));
  const tol = options.tol ?? 1e-5;
  const pairs = Math.max(1, input.numLabels * K);
  const workerColumns = gladColumns('workers', K);
  const taskColumns = gladColumns('tasks', K);

  const updateWorkers = async (changes: Record<string, string>) => {
    await engine.execute(gladUpdate(d, tables.workers, workerColumns, changes));
    await engine.broadcast(tables.workers);
  };
  const updateTasks = async (changes: Record<string, string>) => {
    await engine.executeOnShards(gladUpdate(d, onShards.tasks, taskColumns, changes));
    await engine.unionShards(tables.tasks);
  };
  const vectorSums = async () => {
    const [w, t] = [await engine.query(gladVectorSums(tables.workers)), await engine.query(gladVectorSums(tables.tasks))];
    const get = (c: Record<string, Float64Array>, name: string) => c[name]?.[0] ?? 0;
    return { gg: get(w, 'gg') + get(t, 'gg'), gd: get(w, 'gd') + get(t, 'gd'), num: get(w, 'num') + get(t, 'num'), gmax: Math.max(get(w, 'gmax'), get(t, 'gmax')) };
  };
  /** −Q at x + step·dir, with its gradient written to `gn`; returns [−Q, gn·dir]. */
  const evaluate = async (step: number): Promise<[number, number]> => {
    const plan = gladEvaluate(d, onShards, K, step, means, tables);
    await engine.executeOnShards(plan.onShards);
    await engine.unionShards(tables.workerPartials);
    await engine.unionShards(tables.tasks);
    await engine.execute(plan.coordinator);
    await engine.broadcast(tables.workers);
    const t = await engine.query(gladEvaluationSums(tables.tasks, step, means.beta, true));
    const w = await engine.query(gladEvaluationSums(tables.workers, step, means.alpha, false));
    const get = (c: Record<string, Float64Array>, name: string) => c[name]?.[0] ?? 0;
    const n = get(t, 'n') + get(w, 'n');
    const q = get(t, 'q') - 0.5 * (get(t, 'dev2') + get(w, 'dev2')) - 0.5 * Math.log(2 * Math.PI) * n;
    return [-q, get(t, 'slope') + get(w, 'slope')];
  };
  const both = async (changes: Record<string, string>) => {
    await updateWorkers(changes);
    await updateTasks(changes);
  };
  /** One vector operation of the conjugate-gradient program (see `CgRequest`), on the two tables. */
  const operate = async (request: CgRequest): Promise<number[]> => {
    switch (request.op) {
      case 'start': {
        const [value] = await evaluate(0);
        await both({ g: 'gn', dir: '-gn' });
        const s = await vectorSums();
        return [value, Math.sqrt(s.gg), s.gmax, s.gd];
      }
      case 'restart':
        await both({ dir: '-g' });
        return [(await vectorSums()).gd];
      case 'evaluate':
        return evaluate(request.step);
      case 'accept':
        await both({ x: `x + ${doubleLiteral(request.step)} * dir` });
        return [];
      case 'conjugacy': {
        const s = await vectorSums();
        return [s.gg, s.num];
      }
      case 'direction': {
        await both({ dir: `-gn + ${doubleLiteral(request.beta)} * dir`, g: 'gn' });
        const s = await vectorSums();
        return [s.gd, s.gmax];
      }
    }
  };
  const runProgram = async (program: CgProgram): Promise<CGResult> => {
    let reply: number[] = [];
    for (;;) {
      const next = program.next(reply);
      if (next.done === true) return next.value;
      reply = await operate(next.value);
    }
  };
  const eStep = async () => {
    await engine.executeOnShards(d.createTableAs(onShards.posteriors, gladEStep(d, onShards, K, logPrior)));
    await engine.unionShards(tables.posteriors);
  };
  const cacheTargets = async () => {
    await engine.executeOnShards(gladTargets(d, onShards, K));
    await engine.unionShards(tables.tasks);
  };

  await engine.execute(d.createTableAs(tables.workers, gladStartWorkers(tables)));
  await engine.broadcast(tables.workers);
  await engine.executeOnShards(d.createTableAs(onShards.tasks, gladStartTasks(onShards, K)));
  await engine.unionShards(tables.tasks);
  await eStep();
  await cacheTargets();
  let q = -(await evaluate(0))[0]; // crowd-kit compares the first normalised Q with this unnormalised one, as the kernel does
  const objective: number[] = [];
  let iterations = 0;
  let converged = false;
  const maxIterations = options.maxIterations ?? 100;
  while (iterations < maxIterations) {
    iterations++;
    const last = q;
    await eStep();
    await cacheTargets();
    await runProgram(conjugateGradientProgram({ maxIterations: options.mStepMaxIterations ?? 25, gradientTolerance: options.mStepTol ?? 1e-2 }));
    q = -(await evaluate(0))[0] / pairs;
    objective.push(q);
    if (q - last < tol) {
      converged = true;
      break;
    }
  }
  const prior = Float64Array.from(logPrior, Math.exp);
  const posteriors = await readPosteriors(engine, tables, input, prior);
  const alpha = await readParameter(engine, tables.workers, 'worker', input.numWorkers);
  const beta = await readParameter(engine, tables.tasks, 'task', input.numItems);
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return { method: 'glad', labels: argmax.rows(posteriors, input.numItems, K), posteriors, alpha, beta, iterations, converged, objective };
}

/** α or β by id; workers or tasks without labels keep the starting 1, as in the kernel. */
async function readParameter(engine: SqlEngine, table: string, key: 'worker' | 'task', n: number): Promise<Float64Array> {
  const out = new Float64Array(n).fill(1);
  await engine.queryEach(`SELECT ${key}, x FROM ${table}`, (block) => {
    const ids = block[key] as Float64Array;
    const x = block['x'] as Float64Array;
    for (let j = 0; j < ids.length; j++) out[ids[j] as number] = x[j] as number;
  });
  return out;
}
