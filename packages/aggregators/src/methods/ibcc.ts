import { resolveOptions, RowArgmax, type CrowdLabels, type OptionTable } from '@crowdlearn/core-matrix';
import { confusionCounts } from '../internal/confusion-counts.js';
import { softmaxInPlace } from '../internal/confusion-e-step.js';
import { digamma } from '../internal/digamma.js';
import { fillEmptyItems } from '../internal/empty-items.js';
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
  const N = labels.numItems;
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const posteriors = new Float64Array(N * K);
  const counts = new Float64Array(R * K * K);
  const lnPi = new Float64Array(R * K * K);
  const lnKappa = new Float64Array(K);
  const nu = new Float64Array(K);
  const alpha = new Float64Array(R * K * K);
  const prior = (k: number, l: number) => (k === l ? o.alpha0Diagonal : o.alpha0);
  // expectations of the logs from the current Dirichlet parameters (at first, the priors alone)
  const expectations = () => {
    let total = 0;
    for (let k = 0; k < K; k++) total += nu[k] as number;
    for (let k = 0; k < K; k++) lnKappa[k] = digamma(nu[k] as number) - digamma(total);
    for (let row = 0; row < R * K; row++) {
      let sum = 0;
      for (let l = 0; l < K; l++) sum += alpha[row * K + l] as number;
      const psiSum = digamma(sum);
      for (let l = 0; l < K; l++) lnPi[row * K + l] = digamma(alpha[row * K + l] as number) - psiSum;
    }
  };
  const update = (withCounts: boolean) => {
    if (withCounts) confusionCounts(labels, posteriors, counts);
    for (let k = 0; k < K; k++) nu[k] = o.nu0;
    if (withCounts) for (let i = 0; i < N; i++) if (labels.itemDegree(i) > 0) for (let k = 0; k < K; k++) nu[k]! += posteriors[i * K + k] as number;
    for (let j = 0; j < R * K * K; j++) alpha[j] = prior(Math.floor(j / K) % K, j % K) + (withCounts ? (counts[j] as number) : 0);
    expectations();
  };
  update(false);
  const previous = new Float64Array(N * K);
  const objective: number[] = [];
  let iterations = 0;
  let converged = false;
  while (iterations < o.maxIterations) {
    iterations++;
    previous.set(posteriors);
    // E-step
    let bound = 0;
    for (let i = 0; i < N; i++) {
      const start = labels.itemOffsets[i] as number;
      const end = labels.itemOffsets[i + 1] as number;
      if (start === end) continue;
      const row = i * K;
      for (let k = 0; k < K; k++) posteriors[row + k] = lnKappa[k] as number;
      for (let e = start; e < end; e++) {
        const base = (labels.worker[e] as number) * K * K + (labels.label[e] as number);
        for (let k = 0; k < K; k++) posteriors[row + k]! += lnPi[base + k * K] as number;
      }
      bound += softmaxInPlace(posteriors, row, K);
    }
    objective.push(bound);
    // M-step (the variational Dirichlet parameters)
    update(true);
    let change = 0;
    for (let j = 0; j < N * K; j++) change = Math.max(change, Math.abs((posteriors[j] as number) - (previous[j] as number)));
    if (iterations > 1 && change < o.tol) {
      converged = true;
      break;
    }
  }
  // posterior means
  let nuSum = 0;
  for (let k = 0; k < K; k++) nuSum += nu[k] as number;
  const kappa = Float64Array.from(nu, (v) => v / nuSum);
  const confusion = new Float64Array(R * K * K);
  for (let row = 0; row < R * K; row++) {
    let sum = 0;
    for (let l = 0; l < K; l++) sum += alpha[row * K + l] as number;
    for (let l = 0; l < K; l++) confusion[row * K + l] = (alpha[row * K + l] as number) / sum;
  }
  fillEmptyItems(labels, kappa, posteriors);
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return { method: 'ibcc', labels: argmax.rows(posteriors, N, K), posteriors, prior: kappa, confusion, iterations, converged, objective };
}
