import { doubleLiteral, replaceTable, type SqlDialect } from '../dialects/dialect.js';
import { atLabel, classColumns } from './columns.js';
import { softmaxPosteriors } from './e-step.js';
import type { EmTables } from './tables.js';

/**
 * GLAD in SQL. A worker answers right with probability σ(z), z = α_r e^{β_i},
 * else uniformly among the other K−1 classes. The parameters and the
 * conjugate-gradient vectors of the M-step live in two tables, one row per
 * worker and one per task, each with `x` (α or β), `g` (the gradient at x),
 * `dir` (the search direction) and `gn` (the gradient at the last trial
 * point); the tasks table also keeps `q` (the task's part of Q at the last
 * trial) and the posteriors `p0..p{K-1}` the M-step fits. Every vector
 * operation of `conjugateGradientProgram` is one rebuild of each table.
 */

/** The columns of the workers and tasks tables, in order, key first. */
export function gladColumns(table: 'workers' | 'tasks', K: number): string[] {
  return table === 'workers' ? ['worker', 'x', 'g', 'dir', 'gn'] : ['task', 'x', 'g', 'dir', 'gn', 'q', ...classColumns('p', K)];
}

/** The starting workers table (α = 1, every vector 0), one row per worker with labels. */
export function gladStartWorkers(t: EmTables): string {
  return `SELECT worker, 1e0 AS x, 0e0 AS g, 0e0 AS dir, 0e0 AS gn FROM ${t.labels} GROUP BY worker`;
}

/** The starting tasks table (β = 1, every vector and posterior 0), one row per task with labels. */
export function gladStartTasks(t: EmTables, K: number): string {
  return `SELECT task, 1e0 AS x, 0e0 AS g, 0e0 AS dir, 0e0 AS gn, 0e0 AS q, ${classColumns('p', K).map((p) => `0e0 AS ${p}`).join(', ')} FROM ${t.labels} GROUP BY task`;
}

/** log σ(z), as the kernel computes it: min(z, 0) − log(1 + e^{−|z|}). */
function logSigmoid(d: SqlDialect, z: string): string {
  return `${d.least([z, doubleLiteral(0)])} - ${d.ln(`1e0 + exp(-abs(${z}))`)}`;
}

/**
 * The E-step: per task, `s_k = log prior_k + Σ_labels (label = k ? log σ(z) :
 * log σ(z) − z − log(K−1))` at the current α and β, then the softmax.
 */
export function gladEStep(d: SqlDialect, t: EmTables, K: number, logPrior: ArrayLike<number>): string {
  const logKm1 = doubleLiteral(Math.log(K - 1));
  const withAlpha = `SELECT task, label, x AS alpha FROM ${t.labels} ${d.innerJoin} (SELECT worker, x FROM ${t.workers}) AS w USING (worker)`;
  const withZ = `SELECT task, label, alpha * exp(beta) AS z FROM (${withAlpha}) AS la ${d.innerJoin} (SELECT task, x AS beta FROM ${t.tasks}) AS tb USING (task)`;
  const terms = `SELECT task, label, z, ${logSigmoid(d, 'z')} AS r FROM (${withZ}) AS lz`;
  const scores = classColumns('s', K).map((s, k) => `${doubleLiteral(logPrior[k] as number)} + sum(CASE WHEN label = ${k} THEN r ELSE r - z - ${logKm1} END) AS ${s}`);
  return softmaxPosteriors(d, `SELECT task, count(*) AS deg, ${scores.join(', ')} FROM (${terms}) AS terms GROUP BY task`, K);
}

/** The tasks table with the current posteriors copied in (what the M-step fits). */
export function gladTargets(d: SqlDialect, t: EmTables, K: number): string[] {
  const p = classColumns('p', K);
  return replaceTable(d, t.tasks, `SELECT task, x, g, dir, gn, q, ${p.join(', ')} FROM (SELECT task, x, g, dir, gn, q FROM ${t.tasks}) AS tt ${d.innerJoin} (SELECT task, ${p.join(', ')} FROM ${t.posteriors}) AS pp USING (task)`);
}

/** The per-label terms at the trial point x + step·dir: z, e^β, α, the target t = T_{i,label}, log σ(z) and σ(z). */
function trialTerms(d: SqlDialect, t: EmTables, K: number, step: string): string {
  const p = classColumns('p', K);
  const withAlpha = `SELECT worker, task, label, xw + ${step} * dw AS alpha FROM ${t.labels} ${d.innerJoin} (SELECT worker, x AS xw, dir AS dw FROM ${t.workers}) AS w USING (worker)`;
  const withBeta = `SELECT worker, task, ${atLabel('p', K)} AS target, alpha * eb AS z, eb, alpha FROM (${withAlpha}) AS la ${d.innerJoin} (SELECT task, exp(x + ${step} * dir) AS eb, ${p.join(', ')} FROM ${t.tasks}) AS tb USING (task)`;
  const sigmoid = `CASE WHEN z >= 0 THEN 1e0 / (1e0 + exp(-abs(z))) ELSE exp(-abs(z)) / (1e0 + exp(-abs(z))) END`;
  return `SELECT worker, task, target, z, eb, alpha, ${logSigmoid(d, 'z')} AS ls, ${sigmoid} AS sg FROM (${withBeta}) AS lb`;
}

/**
 * One evaluation of −Q and its gradient at x + step·dir, as the statements
 * each side runs:
 * - `onShards`: the per-shard partial worker gradients (`workerPartials`),
 *   and the tasks table with `gn` = the task gradient (plus its prior term)
 *   and `q` = the task's expected complete log-likelihood;
 * - `coordinator`: the workers table with `gn` from the summed partials and
 *   the prior term (the coordinator sees the names in `global`, default `t`).
 * dQ/dz = T − σ(z); dz/dα = e^β, dz/dβ = α e^β; −Q is minimised.
 */
export function gladEvaluate(d: SqlDialect, t: EmTables, K: number, step: number, priorMeans: { alpha: number; beta: number }, global: EmTables = t): { onShards: string[]; coordinator: string[] } {
  const a = doubleLiteral(step);
  const logKm1 = doubleLiteral(Math.log(K - 1));
  const terms = trialTerms(d, t, K, a);
  const p = classColumns('p', K);
  const partials = `SELECT worker, sum((sg - target) * eb) AS gl FROM (${terms}) AS terms GROUP BY worker`;
  const taskSums = `SELECT task, sum((sg - target) * alpha * eb) AS gl, sum(target * ls + (1e0 - target) * (ls - z - ${logKm1})) AS q FROM (${terms}) AS terms GROUP BY task`;
  const tasks = `SELECT task, x, g, dir, gl + (x + ${a} * dir - ${doubleLiteral(priorMeans.beta)}) AS gn, q, ${p.join(', ')} FROM (SELECT task, x, g, dir, ${p.join(', ')} FROM ${t.tasks}) AS tt ${d.innerJoin} (${taskSums}) AS sums USING (task)`;
  const summed = `SELECT worker, sum(gl) AS gl FROM ${global.workerPartials} GROUP BY worker`;
  const workers = `SELECT worker, x, g, dir, gl + (x + ${a} * dir - ${doubleLiteral(priorMeans.alpha)}) AS gn FROM (SELECT worker, x, g, dir FROM ${global.workers}) AS ww ${d.innerJoin} (${summed}) AS parts USING (worker)`;
  return { onShards: [...d.createTableAs(t.workerPartials, partials), ...replaceTable(d, t.tasks, tasks)], coordinator: replaceTable(d, global.workers, workers) };
}

/**
 * The sums −Q needs from one table after an evaluation: `q` (tasks only),
 * `dev2` = Σ (x + step·dir − mean)², `slope` = Σ gn·dir, `n` rows.
 */
export function gladEvaluationSums(table: string, step: number, mean: number, withQ: boolean): string {
  const dev = `(x + ${doubleLiteral(step)} * dir - ${doubleLiteral(mean)})`;
  return `SELECT ${withQ ? 'sum(q)' : '0e0'} AS q, sum(${dev} * ${dev}) AS dev2, sum(gn * dir) AS slope, count(*) AS n FROM ${table}`;
}

/** A rebuild of the workers or tasks table with some columns replaced by expressions of the old ones. */
export function gladUpdate(d: SqlDialect, name: string, columns: readonly string[], changes: Readonly<Record<string, string>>): string[] {
  return replaceTable(d, name, `SELECT ${columns.map((c) => (changes[c] !== undefined ? `${changes[c]} AS ${c}` : c)).join(', ')} FROM ${name}`);
}

/** Sums over a table of the vector products the conjugate-gradient program asks for. Columns `gg`, `gd`, `num`, `gmax`. */
export function gladVectorSums(table: string): string {
  return `SELECT sum(g * g) AS gg, sum(g * dir) AS gd, sum(gn * (gn - g)) AS num, max(abs(g)) AS gmax FROM ${table}`;
}
