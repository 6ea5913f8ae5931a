import type { CrowdLabels } from '@crowdlearn/core-matrix';
import { runAbilityDifficultyEm, type AbilityLink } from '../internal/ability-difficulty-em.js';
import { RowArgmax } from '../internal/argmax.js';
import type { CommonOptions } from '../types.js';
import type { AbilityDifficultyResult } from './glad.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link irt}. */
export interface IrtOptions extends CommonOptions {
  /** `'difference'` (default): P(right) = σ(α_r - e^{β_i}); `'product'`: σ(α_r e^{β_i}), which is GLAD. */
  form?: AbilityLink;
  /** EM iterations at most. Default 100. */
  maxIterations?: number;
  /** Stop when |ΔQ / Q| is below this. Default 1e-4. */
  tol?: number;
  /** Optimiser iterations per M-step. Default 25. */
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

/**
 * IRT-based truth inference (the fitting stage of MMLC's G_IRT): GLAD's EM
 * with a **difference** link, P(right) = σ(α_r - e^{β_i}), N(1, 1) priors,
 * posteriors initialised from soft MV (`irt.init: 'mv'`); stops when
 * |ΔQ / Q| < 1e-4. The reference code's gold-label initialisation is not
 * offered (it uses gold; see the mmlc package). The spec's M-step is L-BFGS;
 * this one is the same nonlinear conjugate gradient as GLAD's (25 iterations).
 *
 * IRT needs several workers per item: with a single worker the likelihood is
 * flat in (α, β), the priors decide, and at their mode z = 1 - e < 0, so a
 * lone worker is taken to be worse than chance and their labels are flipped.
 */
export function irt(labels: CrowdLabels, options: IrtOptions = {}): AbilityDifficultyResult {
  const K = labels.numClasses;
  const tol = options.tol ?? 1e-4;
  const outcome = runAbilityDifficultyEm(labels, {
    link: options.form ?? 'difference',
    logPrior: Float64Array.from({ length: K }, (_, k) => Math.log(options.prior?.[k] ?? 1 / K)),
    alphaPriorMean: options.alphaPriorMean ?? 1,
    betaPriorMean: options.betaPriorMean ?? 1,
    initialPosteriors: voteScores(labels, undefined, undefined, options).posteriors,
    maxIterations: options.maxIterations ?? 100,
    mStepMaxIterations: options.mStepMaxIterations ?? 25,
    mStepTol: options.mStepTol ?? 1e-2,
    converged: (q, last) => Math.abs(q - last) < tol * Math.abs(last),
  });
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return { method: 'irt', ...outcome, labels: argmax.rows(outcome.posteriors, labels.numItems, K) };
}
