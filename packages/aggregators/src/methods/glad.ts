import { originalOrder, resolveOptions, RowArgmax, type CanonicalOrder, type CrowdLabels, type OptionTable, portableLog } from '@crowdlearn/core-matrix';
import { inCanonicalOrder } from '../internal/canonical-run.js';
import { runAbilityDifficultyEm, type AbilityDifficultyPlan } from '../internal/ability-difficulty-em.js';
import type { AggregationResult, CommonOptions } from '../types.js';

/** Options shared by the ability/difficulty models (GLAD, IRT). */
export interface AbilityDifficultyOptions extends CommonOptions {
  /** EM iterations at most. Default 100. */
  maxIterations?: number;
  /** Conjugate-gradient iterations per M-step. Default 25. */
  mStepMaxIterations?: number;
  /** Gradient tolerance of the M-step. Default 1e-2. */
  mStepTol?: number;
  /** Class prior, held fixed. Default uniform. */
  prior?: ArrayLike<number>;
  /** Mean of the N(mean, 1) prior on every alpha. Default 1. */
  alphaPriorMean?: number;
  /** Mean of the N(mean, 1) prior on every beta. Default 1. */
  betaPriorMean?: number;
}

/** The options GLAD and IRT share: defaults and ranges. */
export const ABILITY_DIFFICULTY_OPTIONS = {
  maxIterations: { kind: 'integer', min: 0, default: 100, description: 'EM iterations at most' },
  mStepMaxIterations: { kind: 'integer', min: 0, default: 25, description: 'conjugate-gradient iterations per M-step' },
  mStepTol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-2, description: 'gradient tolerance of the M-step' },
  alphaPriorMean: { kind: 'number', default: 1, description: 'mean of the N(mean, 1) prior on every worker ability α' },
  betaPriorMean: { kind: 'number', default: 1, description: 'mean of the N(mean, 1) prior on every item parameter β' },
} as const satisfies OptionTable;

/** Options of {@link glad} (crowd-kit's defaults). */
export interface GladOptions extends AbilityDifficultyOptions {
  /** Stop when the objective per (label, class) pair gains less than this. Default 1e-5. */
  tol?: number;
}

/** {@link glad}'s options: defaults and ranges. */
export const GLAD_OPTIONS = {
  ...ABILITY_DIFFICULTY_OPTIONS,
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-5, description: 'stop when the objective per (label, class) pair gains less than this' },
} as const satisfies OptionTable;

/** The result of GLAD and IRT: the posteriors plus each worker's ability and each item's difficulty parameter. */
export interface AbilityDifficultyResult extends AggregationResult {
  /** Worker abilities alpha_r (length R). */
  alpha: Float64Array;
  /** Item parameters beta_i (length N); the models use e^{beta_i} > 0. */
  beta: Float64Array;
}

/** GLAD's result. */
export type GladResult = AbilityDifficultyResult;

/**
 * GLAD (Whitehill et al. 2009), as in crowd-kit: a worker answers correctly
 * with probability σ(α_r e^{β_i}), else uniformly among the other K-1
 * classes; Gaussian priors N(1, 1) on α and β; a fixed class prior. EM from
 * α = β = 1 with an M-step by nonlinear conjugate gradient (25 iterations,
 * tolerance 1e-2) on analytic gradients; stops when Q per (label, class) pair
 * gains less than 1e-5. `objective` is that Q after each M-step.
 *
 * Cite: J. Whitehill, P. Ruvolo, T. Wu, J. Bergsma, J. Movellan, "Whose vote
 * should count more: optimal integration of labels from labelers of unknown
 * expertise", NeurIPS 2009.
 */
export function glad(labels: CrowdLabels, options: GladOptions = {}): GladResult {
  const o = resolveOptions('glad', GLAD_OPTIONS, options);
  const tol = o.tol;
  return inCanonicalOrder(labels, (l) => fitAbilityDifficulty('glad', l, o, { link: 'product', converged: (q, last) => q - last < tol }), restoreAbilityDifficulty);
}

/** GLAD's and IRT's per-worker and per-item parameters back in the caller's numbering. */
export function restoreAbilityDifficulty(r: AbilityDifficultyResult, order: CanonicalOrder): Partial<AbilityDifficultyResult> {
  return { alpha: originalOrder(r.alpha, order.workerOf), beta: originalOrder(r.beta, order.itemOf) };
}

/** Runs the ability/difficulty EM with the shared options' defaults and builds the public result. */
export function fitAbilityDifficulty(
  method: string,
  labels: CrowdLabels,
  options: AbilityDifficultyOptions,
  plan: Pick<AbilityDifficultyPlan, 'link' | 'converged' | 'initialPosteriors'>,
): AbilityDifficultyResult {
  const K = labels.numClasses;
  const o = resolveOptions(method, ABILITY_DIFFICULTY_OPTIONS, options);
  const outcome = runAbilityDifficultyEm(labels, {
    ...plan,
    logPrior: Float64Array.from({ length: K }, (_, k) => portableLog(options.prior?.[k] ?? 1 / K)),
    alphaPriorMean: o.alphaPriorMean,
    betaPriorMean: o.betaPriorMean,
    maxIterations: o.maxIterations,
    mStepMaxIterations: o.mStepMaxIterations,
    mStepTol: o.mStepTol,
  });
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return { method, ...outcome, labels: argmax.rows(outcome.posteriors, labels.numItems, K) };
}
