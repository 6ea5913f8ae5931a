import { canonicalRows, CrowdError, resolveOptions, type CrowdLabels, type OptionTable } from '@crowdlearn/core-matrix';
import { inCanonicalOrder } from '../internal/canonical-run.js';
import type { AbilityLink } from '../internal/ability-difficulty-em.js';

export type { AbilityLink };
import { ABILITY_DIFFICULTY_OPTIONS, fitAbilityDifficulty, restoreAbilityDifficulty, type AbilityDifficultyOptions, type AbilityDifficultyResult } from './glad.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link irt}. */
export interface IrtOptions extends AbilityDifficultyOptions {
  /** `'difference'` (default): P(right) = σ(α_r - e^{β_i}); `'product'`: σ(α_r e^{β_i}), which is GLAD. */
  form?: AbilityLink;
  /** Stop when |ΔQ / Q| is below this. Default 1e-4. */
  tol?: number;
  /**
   * Posteriors to start EM from, row-major N x K (an M-step runs first).
   * Default: soft MV. (MMLC's G_IRT passes gold-based ones for its flagged
   * reproduction mode.)
   */
  initialPosteriors?: Float64Array;
}

/** {@link irt}'s options: defaults and ranges. */
export const IRT_OPTIONS = {
  ...ABILITY_DIFFICULTY_OPTIONS,
  form: { kind: 'choice', choices: ['difference', 'product'], default: 'difference', description: 'P(right) = σ(α − e^β) (difference) or σ(α e^β) (product, GLAD)' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-4, description: 'stop when |ΔQ / Q| is below this' },
} as const satisfies OptionTable;

/**
 * IRT-based truth inference (the fitting stage of MMLC's G_IRT): GLAD's EM
 * with a **difference** link, P(right) = σ(α_r - e^{β_i}), N(1, 1) priors,
 * posteriors initialised from soft MV (`irt.init: 'mv'`); stops when
 * |ΔQ / Q| < 1e-4, or from `initialPosteriors`. The spec's M-step is L-BFGS;
 * this one is the same nonlinear conjugate gradient as GLAD's (25 iterations).
 *
 * IRT needs several workers per item: with a single worker the likelihood is
 * flat in (α, β), the priors decide, and at their mode z = 1 - e < 0, so a
 * lone worker is taken to be worse than chance and their labels are flipped.
 */
export function irt(labels: CrowdLabels, options: IrtOptions = {}): AbilityDifficultyResult {
  const o = resolveOptions('irt', IRT_OPTIONS, options);
  const tol = o.tol;
  const start = startingPosteriors(labels, options);
  return inCanonicalOrder(
    labels,
    (l, order) =>
      fitAbilityDifficulty('irt', l, o, {
        link: o.form,
        initialPosteriors: order.identity ? start : canonicalRows(start, order.itemOf),
        converged: (q, last) => Math.abs(q - last) < tol * Math.abs(last),
      }),
    restoreAbilityDifficulty,
  );
}

function startingPosteriors(labels: CrowdLabels, options: IrtOptions): Float64Array {
  const given = options.initialPosteriors;
  if (given === undefined) return voteScores(labels, undefined, undefined, options).posteriors;
  if (given.length !== labels.numItems * labels.numClasses) {
    throw new CrowdError('SHAPE_MISMATCH', 'IRT: initialPosteriors has the wrong length', {
      expected: `${labels.numItems} x ${labels.numClasses} = ${labels.numItems * labels.numClasses}`,
      found: String(given.length),
    });
  }
  return Float64Array.from(given);
}
