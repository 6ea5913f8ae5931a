import { RowArgmax, type CrowdLabels } from '@crowdlearn/core-matrix';
import type { CommonOptions, ConfusionModelResult } from '../types.js';
import { confusionCounts } from './confusion-counts.js';
import { softmaxInPlace } from './confusion-e-step.js';
import { digamma } from './digamma.js';
import { fillEmptyItems } from './empty-items.js';

/** The settings that tell IBCC and VI-MF apart. */
export interface DirichletConfusionVbPlan {
  /** Dirichlet prior of each confusion row off its diagonal. */
  alpha0: number;
  /** ... and on its diagonal. */
  alpha0Diagonal: number;
  /** Symmetric Dirichlet prior of the class proportions, learnt by VB; undefined keeps them uniform and fixed. */
  nu0: number | undefined;
  /** `'priors'`: E-step first, from the priors alone (pyIBCC); `'soft-mv'`: posteriors start at the soft majority vote, worker update first (Liu et al.'s code). */
  start: 'priors' | 'soft-mv';
  maxIterations: number;
  /** Stop when no posterior moves by more than this. */
  tol: number;
}

/**
 * Variational Bayes for the confusion-matrix model with Dirichlet priors on
 * every worker's confusion rows (and, with `nu0`, on the class proportions):
 * q(π) and q(κ) are Dirichlet with the priors plus the expected counts, and
 * the E-step sets T_ij ∝ exp(E[ln κ_j] + Σ_k E[ln π^k_{j,c_ik}]) with E[ln]
 * from digammas. IBCC and VI-MF differ only in the plan. `objective` is the
 * sum of the E-step's log normalisers; `confusion` and `prior` are posterior
 * means.
 */
export function dirichletConfusionVb(method: string, labels: CrowdLabels, plan: DirichletConfusionVbPlan, options: CommonOptions): ConfusionModelResult {
  const N = labels.numItems;
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const posteriors = new Float64Array(N * K);
  const counts = new Float64Array(R * K * K);
  const lnPi = new Float64Array(R * K * K);
  const lnKappa = new Float64Array(K);
  const nu = new Float64Array(K).fill(1);
  const alpha = new Float64Array(R * K * K);
  // expectations of the logs from the current Dirichlet parameters
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
  // the Dirichlet parameters: priors, plus the expected counts of the current posteriors
  const update = (withCounts: boolean) => {
    if (withCounts) confusionCounts(labels, posteriors, counts);
    if (plan.nu0 !== undefined) {
      nu.fill(plan.nu0);
      if (withCounts) for (let i = 0; i < N; i++) if (labels.itemDegree(i) > 0) for (let k = 0; k < K; k++) nu[k]! += posteriors[i * K + k] as number;
    }
    for (let j = 0; j < R * K * K; j++) alpha[j] = (Math.floor(j / K) % K === j % K ? plan.alpha0Diagonal : plan.alpha0) + (withCounts ? (counts[j] as number) : 0);
    expectations();
  };
  if (plan.start === 'soft-mv') {
    for (let i = 0; i < N; i++) {
      const m = labels.itemDegree(i);
      for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) posteriors[i * K + (labels.label[e] as number)]! += 1 / m;
    }
    update(true);
  } else {
    update(false);
  }
  const previous = new Float64Array(N * K);
  const objective: number[] = [];
  let iterations = 0;
  let converged = false;
  while (iterations < plan.maxIterations) {
    iterations++;
    previous.set(posteriors);
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
    update(true);
    let change = 0;
    for (let j = 0; j < N * K; j++) change = Math.max(change, Math.abs((posteriors[j] as number) - (previous[j] as number)));
    // from the priors, the first E-step always moves everything: do not stop on it
    if ((plan.start === 'soft-mv' || iterations > 1) && change < plan.tol) {
      converged = true;
      break;
    }
  }
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
  return { method, labels: argmax.rows(posteriors, N, K), posteriors, prior: kappa, confusion, iterations, converged, objective };
}
