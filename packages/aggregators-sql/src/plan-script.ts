import { CrowdError } from '@crowdlearn/core-matrix';
import { doubleLiteral, type DialectName, type SqlDialect } from './dialects/dialect.js';
import { DIALECTS } from './dialects/index.js';
import { confusionMStep } from './plans/confusion-m-step.js';
import { eStepSelect } from './plans/e-step.js';
import { confusionElboQuery, logLikelihoodQuery, oneCoinElboQuery, posteriorElboQuery, priorQuery, skillChangeQuery } from './plans/objectives.js';
import { keepPreviousSkills, oneCoinMStep } from './plans/one-coin-m-step.js';
import { gladColumns, gladEStep, gladEvaluate, gladEvaluationSums, gladStartTasks, gladStartWorkers, gladTargets, gladUpdate, gladVectorSums } from './plans/glad.js';
import { emTables, type EmTables } from './plans/tables.js';
import { softVoteSelect } from './plans/vote.js';

/** The methods with an SQL plan. */
export type SqlMethodName = 'mv' | 'ds' | 'one-coin-ds' | 'zencrowd' | 'glad';

/** Every method with an SQL plan. */
export const SQL_METHODS: readonly SqlMethodName[] = ['mv', 'ds', 'one-coin-ds', 'zencrowd', 'glad'];

/** Options of {@link planScript}. */
export interface PlanScriptOptions {
  /** Number of classes K (the wide layout has one column per class). */
  numClasses: number;
  /** Table prefix. Default `cl_`. */
  tablePrefix?: string;
  /** The log prior written into the E-step shown; default uniform. Each iteration inlines the current one. */
  logPrior?: readonly number[];
}

/**
 * The SQL of one method's plan for a dialect, as a script with a comment
 * before each step: the start (soft majority vote), the M-step, and one
 * iteration's E-step, log-likelihood and stopping-rule queries. The loop
 * around them (inline the new log prior, repeat until the stopping rule
 * holds) is `runSqlEm`'s; for an engine without an adapter here (Spark SQL,
 * Trino, BigQuery) the script is what a driver runs.
 */
export function planScript(method: SqlMethodName, dialect: SqlDialect | DialectName, options: PlanScriptOptions): string {
  const d = typeof dialect === 'string' ? DIALECTS[dialect] : dialect;
  const K = options.numClasses;
  if (!Number.isInteger(K) || K < 2) throw new CrowdError('INVALID_ARGUMENT', 'a plan needs at least two classes', { found: String(K) });
  const t = emTables(options.tablePrefix);
  const logPrior = options.logPrior ?? Array.from({ length: K }, () => Math.log(1 / K));
  if (method === 'glad') return script(gladParts(d, t, K, logPrior));
  const parts: [string, string[]][] = [[`start: soft majority vote into ${t.posteriors}`, d.createTableAs(t.posteriors, softVoteSelect(d, t, K))]];
  if (method !== 'mv') {
    const oneCoin = method !== 'ds';
    parts.push([`M-step: worker parameters into ${t.workers}`, oneCoin ? oneCoinMStep(d, t, K) : confusionMStep(d, t, K)]);
    if (method !== 'zencrowd') parts.push(['class prior (read by the client, inlined as logs in the next E-step)', [priorQuery(t, K)]]);
    parts.push(['E-step: posteriors and per-task log-likelihood', d.createTableAs(t.posteriors, eStepSelect(d, t, K, logPrior, oneCoin ? 'one-coin' : 'confusion'))]);
    parts.push(['marginal log-likelihood of this iteration', [logLikelihoodQuery(t)]]);
    if (method === 'zencrowd') {
      parts.push(['before the M-step: keep the skills', keepPreviousSkills(d, t)]);
      parts.push(['after the M-step, stopping rule: largest skill change < tol', [skillChangeQuery(d, t)]]);
    } else {
      parts.push([
        "after the M-step, stopping rule: crowd-kit's ELBO (sum of both parts / labels) gains < tol",
        [oneCoin ? oneCoinElboQuery(t) : confusionElboQuery(t, K), posteriorElboQuery(d, t, K, logPrior)],
      ]);
    }
  }
  return script(parts);
}

function script(parts: [string, string[]][]): string {
  return parts.map(([title, statements]) => `-- ${title}\n${statements.map((s) => `${s};`).join('\n')}\n`).join('\n');
}

/** GLAD's steps: start tables, E-step, M-step targets, and the conjugate gradient's vector operations (step 0.5 and beta 0.25 shown). */
function gladParts(d: SqlDialect, t: EmTables, K: number, logPrior: readonly number[]): [string, string[]][] {
  const means = { alpha: 1, beta: 1 };
  const evaluation = gladEvaluate(d, t, K, 0.5, means);
  const workers = gladColumns('workers', K);
  const tasks = gladColumns('tasks', K);
  const both = (changes: Record<string, string>) => [...gladUpdate(d, t.workers, workers, changes), ...gladUpdate(d, t.tasks, tasks, changes)];
  return [
    [`start: alpha = 1 in ${t.workers}, beta = 1 in ${t.tasks}`, [...d.createTableAs(t.workers, gladStartWorkers(t)), ...d.createTableAs(t.tasks, gladStartTasks(t, K))]],
    ['E-step: posteriors at the current alpha and beta', d.createTableAs(t.posteriors, gladEStep(d, t, K, logPrior))],
    ['M-step targets: the posteriors copied into the tasks table', gladTargets(d, t, K)],
    ['CG evaluate(step): -Q and its gradient gn at x + step * dir (partials per shard, then the workers)', [...evaluation.onShards, ...evaluation.coordinator]],
    ['CG evaluate: the sums -Q and gn . dir are made of', [gladEvaluationSums(t.tasks, 0.5, means.beta, true), gladEvaluationSums(t.workers, 0.5, means.alpha, false)]],
    ['CG start: g = gn, dir = -gn', both({ g: 'gn', dir: '-gn' })],
    ['CG restart: dir = -g', both({ dir: '-g' })],
    ['CG accept(step): x = x + step * dir', both({ x: `x + ${doubleLiteral(0.5)} * dir` })],
    ['CG direction(beta): dir = -gn + beta * dir, g = gn', both({ dir: `-gn + ${doubleLiteral(0.25)} * dir`, g: 'gn' })],
    ['CG scalars: g.g, g.dir, gn.(gn - g), max |g| (per table, added by the client)', [gladVectorSums(t.workers), gladVectorSums(t.tasks)]],
  ];
}
