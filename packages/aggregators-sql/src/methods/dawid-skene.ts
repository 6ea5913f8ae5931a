import { RowArgmax } from '@crowdlearn/core-matrix';
import type { ConfusionModelResult, DawidSkeneOptions } from '@crowdlearn/aggregators';
import type { SqlEngine } from '../engine.js';
import { runSqlEm, type SqlEmOutcome } from '../em-driver.js';
import type { SqlLabelTable } from '../label-table.js';
import { classColumns } from '../plans/columns.js';
import { confusionMStep } from '../plans/confusion-m-step.js';
import { confusionElboQuery } from '../plans/objectives.js';
import { crowdkitElboRule } from './elbo-rule.js';
import type { SqlMethodOptions } from './options.js';

/** Options of {@link sqlDawidSkene}: the kernel's iteration limit (default 100) and ELBO tolerance (default 1e-5); only its default preset exists in SQL. */
export interface SqlDawidSkeneOptions extends SqlMethodOptions, Pick<DawidSkeneOptions, 'maxIterations' | 'tol'> {}

/**
 * Dawid-Skene in the engine: `dawidSkene` of `@crowdlearn/aggregators` with
 * its default (crowd-kit) preset, iteration for iteration: soft-MV start,
 * counts clipped at 1e-10 and normalised over the labels each worker used,
 * crowd-kit's ELBO stopping rule. Each iteration is two joins of the labels
 * (with the worker parameters, with the posteriors) and their group-bys;
 * `objective` is the marginal log-likelihood at each E-step.
 */
export async function sqlDawidSkene(engine: SqlEngine, input: SqlLabelTable, options: SqlDawidSkeneOptions = {}): Promise<ConfusionModelResult> {
  const K = input.numClasses;
  const outcome = await runSqlEm(
    engine,
    input,
    {
      layout: 'confusion',
      mStep: confusionMStep,
      estimatePrior: true,
      maxIterations: options.maxIterations ?? 100,
      converged: crowdkitElboRule(engine, input, (t) => confusionElboQuery(t, K), options.tol ?? 1e-5),
    },
    options.tablePrefix,
  );
  return { ...emResult('ds', input, outcome, options), confusion: await readConfusion(engine, input, outcome) };
}

/** The public fields every EM method's result shares. */
export function emResult(method: string, input: SqlLabelTable, outcome: SqlEmOutcome, options: SqlMethodOptions): Omit<ConfusionModelResult, 'confusion'> {
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return {
    method,
    labels: argmax.rows(outcome.posteriors, input.numItems, input.numClasses),
    posteriors: outcome.posteriors,
    prior: outcome.prior,
    iterations: outcome.iterations,
    converged: outcome.converged,
    objective: outcome.logLikelihoods,
  };
}

/** The R x K x K confusion matrices from the DS workers table; labels a worker never gave are 0. */
async function readConfusion(engine: SqlEngine, input: SqlLabelTable, outcome: SqlEmOutcome): Promise<Float64Array> {
  const K = input.numClasses;
  const c = classColumns('c', K);
  const columns = await engine.query(`SELECT worker, label, ${c.join(', ')} FROM ${outcome.tables.workers}`);
  const confusion = new Float64Array(input.numWorkers * K * K);
  const worker = columns['worker'] as Float64Array;
  const label = columns['label'] as Float64Array;
  for (let k = 0; k < K; k++) {
    const logs = columns[c[k] as string] as Float64Array;
    for (let j = 0; j < worker.length; j++) confusion[((worker[j] as number) * K + k) * K + (label[j] as number)] = Math.exp(logs[j] as number);
  }
  return confusion;
}
