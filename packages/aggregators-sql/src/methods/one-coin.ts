import { oneCoinConfusion, type ConfusionModelResult, type OneCoinDawidSkeneOptions, type WorkerSkillResult, type ZenCrowdOptions } from '@crowdlearn/aggregators';
import type { SqlEngine } from '../engine.js';
import { queryScalar } from '../engine.js';
import { runSqlEm, type SqlEmMethod } from '../em-driver.js';
import type { SqlLabelTable } from '../label-table.js';
import { oneCoinElboQuery, skillChangeQuery } from '../plans/objectives.js';
import { crowdkitElboRule } from './elbo-rule.js';
import { keepPreviousSkills, oneCoinMStep } from '../plans/one-coin-m-step.js';
import { emResult } from './dawid-skene.js';
import type { SqlMethodOptions } from './options.js';

/** Options of {@link sqlOneCoinDawidSkene}: the kernel's iteration limit (default 100) and ELBO tolerance (default 1e-5). */
export interface SqlOneCoinOptions extends SqlMethodOptions, Pick<OneCoinDawidSkeneOptions, 'maxIterations' | 'tol'> {}

/** Options of {@link sqlZenCrowd}: the kernel's iteration limit (default 100) and reliability tolerance (default 1e-6). */
export interface SqlZenCrowdOptions extends SqlMethodOptions, Pick<ZenCrowdOptions, 'maxIterations' | 'tol'> {}

/**
 * One-coin Dawid-Skene in the engine: `oneCoinDawidSkene` of
 * `@crowdlearn/aggregators` iteration for iteration (soft-MV start, an
 * estimated prior, crowd-kit's ELBO stopping rule). The workers table holds
 * one row per worker; `skills` are the final s_r (1/K for a worker without
 * labels, as the kernel).
 */
export async function sqlOneCoinDawidSkene(
  engine: SqlEngine,
  input: SqlLabelTable,
  options: SqlOneCoinOptions = {},
): Promise<ConfusionModelResult & WorkerSkillResult> {
  return runOneCoin('one-coin-ds', engine, input, options, {
    layout: 'one-coin',
    mStep: oneCoinMStep,
    estimatePrior: true,
    maxIterations: options.maxIterations ?? 100,
    converged: crowdkitElboRule(engine, input, oneCoinElboQuery, options.tol ?? 1e-5),
  });
}

/**
 * ZenCrowd in the engine: `zenCrowd` of `@crowdlearn/aggregators` iteration
 * for iteration (one-coin M-step, a fixed uniform prior, stop when no
 * reliability moves by `tol`). `skills` are the reliabilities.
 */
export async function sqlZenCrowd(engine: SqlEngine, input: SqlLabelTable, options: SqlZenCrowdOptions = {}): Promise<ConfusionModelResult & WorkerSkillResult> {
  const tol = options.tol ?? 1e-6;
  return runOneCoin('zencrowd', engine, input, options, {
    layout: 'one-coin',
    mStep: oneCoinMStep,
    beforeMStep: keepPreviousSkills,
    estimatePrior: false,
    maxIterations: options.maxIterations ?? 100,
    converged: async ({ tables }) => (await queryScalar(engine, skillChangeQuery(engine.dialect, tables))) < tol,
  });
}

async function runOneCoin(
  name: string,
  engine: SqlEngine,
  input: SqlLabelTable,
  options: SqlMethodOptions,
  method: SqlEmMethod,
): Promise<ConfusionModelResult & WorkerSkillResult> {
  const outcome = await runSqlEm(engine, input, method, options.tablePrefix);
  const columns = await engine.query(`SELECT worker, s FROM ${outcome.tables.workers}`);
  const skills = new Float64Array(input.numWorkers).fill(1 / input.numClasses);
  const worker = columns['worker'] as Float64Array;
  const s = columns['s'] as Float64Array;
  for (let j = 0; j < worker.length; j++) skills[worker[j] as number] = s[j] as number;
  return { ...emResult(name, input, outcome, options), confusion: oneCoinConfusion(skills, input.numClasses), skills };
}
