import { resolveOptions, type CrowdLabels, type OptionTable } from '@crowdlearn/core-matrix';
import { dirichletConfusionVb } from '../internal/dirichlet-confusion-vb.js';
import type { CommonOptions, ConfusionModelResult } from '../types.js';

/** Options of {@link viMf}. */
export interface ViMfOptions extends CommonOptions {
  /** The Dirichlet prior of each confusion row off its diagonal (the reference's ell = [2 1; 1 2]). Default 1. */
  alpha0?: number;
  /** ... and on its diagonal. Default 2. */
  alpha0Diagonal?: number;
  /** The most iterations. Default 100 (the reference's maxIter). */
  maxIterations?: number;
  /** Stop when no posterior moves by more than this. Default 1e-3 (the reference's TOL). */
  tol?: number;
}

/** {@link viMf}'s options: defaults and ranges. */
export const VI_MF_OPTIONS = {
  alpha0: { kind: 'number', min: 0, exclusiveMin: true, default: 1, description: 'Dirichlet prior of each confusion row, off the diagonal' },
  alpha0Diagonal: { kind: 'number', min: 0, exclusiveMin: true, default: 2, description: 'Dirichlet prior of each confusion row, on the diagonal' },
  maxIterations: { kind: 'integer', min: 1, default: 100, description: 'the most mean-field iterations' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-3, description: 'stop when no posterior moves by more than this' },
} as const satisfies OptionTable;

/**
 * VI-MF, mean-field variational inference for crowdsourcing (Liu, Peng &
 * Ihler 2012): the confusion-matrix model with Dirichlet priors on the
 * workers' confusion rows integrated over, a uniform prior on the true
 * labels, and a fully factorised q; from the soft majority vote, alternate
 * the workers' Dirichlet posteriors and the items' label posteriors.
 *
 * As Liu's code runs in Zheng et al.'s framework: prior [2 1; 1 2], at most
 * 100 iterations, tolerance 1e-3. The framework runs it on binary labels
 * only; the model and this code take any number of classes (the prior's
 * diagonal 2, off it 1).
 *
 * Cite: Q. Liu, J. Peng, A. Ihler, "Variational inference for
 * crowdsourcing", NeurIPS 2012.
 */
export function viMf(labels: CrowdLabels, options: ViMfOptions = {}): ConfusionModelResult {
  const o = resolveOptions('vi-mf', VI_MF_OPTIONS, options);
  return dirichletConfusionVb('vi-mf', labels, { alpha0: o.alpha0, alpha0Diagonal: o.alpha0Diagonal, nu0: undefined, start: 'soft-mv', maxIterations: o.maxIterations, tol: o.tol }, options);
}
