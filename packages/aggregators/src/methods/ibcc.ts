import { resolveOptions, type CrowdLabels, type OptionTable } from '@crowdlearn/core-matrix';
import { dirichletConfusionVb } from '../internal/dirichlet-confusion-vb.js';
import type { CommonOptions, ConfusionModelResult } from '../types.js';

/** Options of {@link ibcc}. */
export interface IbccOptions extends CommonOptions {
  /** The Dirichlet prior of each confusion row: `alpha0Diagonal` on its diagonal, `alpha0` off it (pyIBCC's [[2, 1], [1, 2]]). Default 1. */
  alpha0?: number;
  /** The prior's diagonal entries. Default 2. */
  alpha0Diagonal?: number;
  /** The symmetric Dirichlet prior ν0 of the class proportions κ. Default 1. */
  nu0?: number;
  /** The most VB iterations. Default 500 (pyIBCC's). */
  maxIterations?: number;
  /** Stop when no posterior moves by more than this. Default 1e-4 (pyIBCC's convergence threshold). */
  tol?: number;
}

/** {@link ibcc}'s options: defaults and ranges. */
export const IBCC_OPTIONS = {
  alpha0: { kind: 'number', min: 0, exclusiveMin: true, default: 1, description: 'Dirichlet prior of each confusion row, off the diagonal' },
  alpha0Diagonal: { kind: 'number', min: 0, exclusiveMin: true, default: 2, description: 'Dirichlet prior of each confusion row, on the diagonal' },
  nu0: { kind: 'number', min: 0, exclusiveMin: true, default: 1, description: 'symmetric Dirichlet prior of the class proportions' },
  maxIterations: { kind: 'integer', min: 1, default: 500, description: 'the most variational Bayes iterations' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-4, description: 'stop when no posterior moves by more than this' },
} as const satisfies OptionTable;

/**
 * IBCC, independent Bayesian classifier combination (Kim & Ghahramani 2012),
 * by variational Bayes as pyIBCC (Simpson et al. 2013) fits it: Dirichlet
 * priors on the class proportions κ (ν0) and on every row of every worker's
 * confusion matrix π (α0, larger on the diagonal: workers are a priori
 * better than chance); the E-step sets T_ij ∝ exp(E[ln κ_j] + Σ_k
 * E[ln π^k_{j,c_ik}]) with E[ln] from digammas, the M-step adds the expected
 * counts to the priors. It starts from the priors (E-step first) and stops
 * when no posterior moves by more than `tol`. Unlike Dawid-Skene's maximum
 * likelihood, a worker with few labels keeps a confusion matrix near the
 * prior instead of a certain one.
 *
 * This is also the BCC of Zheng et al.'s framework (Venanzi's community BCC
 * with one community, run there by expectation propagation in Infer.NET).
 * `confusion` holds the posterior mean confusion rows, `prior` the mean κ.
 *
 * Cite: H.-C. Kim, Z. Ghahramani, "Bayesian classifier combination",
 * AISTATS 2012; E. Simpson, S. Roberts, I. Psorakis, A. Smith, "Dynamic
 * Bayesian combination of multiple imperfect classifiers", 2013.
 */
export function ibcc(labels: CrowdLabels, options: IbccOptions = {}): ConfusionModelResult {
  const o = resolveOptions('ibcc', IBCC_OPTIONS, options);
  return dirichletConfusionVb('ibcc', labels, { alpha0: o.alpha0, alpha0Diagonal: o.alpha0Diagonal, nu0: o.nu0, start: 'priors', maxIterations: o.maxIterations, tol: o.tol }, options);
}
