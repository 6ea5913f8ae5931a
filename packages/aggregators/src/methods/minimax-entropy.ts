import { portableExp, portableLog, resolveOptions, RowArgmax, type CrowdLabels, type OptionTable } from '@crowdlearn/core-matrix';
import { softmaxInPlace } from '../internal/confusion-e-step.js';
import { fillEmptyItems } from '../internal/empty-items.js';
import { LbfgsMinimizer } from '../optimize/lbfgs.js';
import type { CommonOptions, ConfusionModelResult } from '../types.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link minimaxEntropy}. */
export interface MinimaxEntropyOptions extends CommonOptions {
  /** L2 penalty on each worker's K x K parameters. Default 0.25 K² (the framework's driver). */
  lambdaWorker?: number;
  /**
   * L2 penalty on each item's K x K parameters. Default `lambdaWorker` times
   * a worker's mean number of labels over an item's (the framework's driver).
   */
  lambdaItem?: number;
  /** The most EM rounds. Default 50 (the framework's driver). */
  maxIterations?: number;
  /** Stop when no posterior moves by more than this. Default 5e-3 (the framework's driver). */
  tol?: number;
  /** L-BFGS iterations of each worker's and each item's M-step. Default 25 (the reference's `maxIter_Mstep`). */
  mStepIterations?: number;
  /** An M-step stops when its largest gradient entry, or its progress, is below this. Default 1e-3 (the reference's `optTOL_Mstep`, `progTOL_Mstep`). */
  mStepTol?: number;
}

/** {@link minimaxEntropy}'s options: defaults and ranges. */
export const MINIMAX_ENTROPY_OPTIONS = {
  lambdaWorker: { kind: 'number', min: 0, defaultText: '0.25 K² (the framework)', description: "L2 penalty on each worker's K x K parameters" },
  lambdaItem: { kind: 'number', min: 0, defaultText: "lambdaWorker x (a worker's mean labels / an item's)", description: "L2 penalty on each item's K x K parameters" },
  maxIterations: { kind: 'integer', min: 1, default: 50, description: 'the most EM rounds' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 5e-3, description: 'stop when no posterior moves by more than this' },
  mStepIterations: { kind: 'integer', min: 1, default: 25, description: "L-BFGS iterations of each worker's and item's M-step" },
  mStepTol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-3, description: "an M-step's gradient and progress tolerance" },
} as const satisfies OptionTable;

/** What {@link minimaxEntropy} returns besides the labels. */
export interface MinimaxEntropyResult extends ConfusionModelResult {
  /** σ, each worker's K x K parameters (R x K x K, row = true class); `confusion` is their row-wise softmax, the worker on an item whose own parameters are 0. */
  workerParameters: Float64Array;
  /** τ, each item's K x K parameters (N x K x K): how the item shifts every worker's answers. */
  itemParameters: Float64Array;
}

/**
 * Minimax conditional entropy (Zhou, Basu, Mao & Platt 2012), categorical
 * form: worker r answers l on item i of true class c with probability
 * softmax_l(σ_r[c, l] + τ_i[c, l]), the maximum-entropy model whose worker
 * and item expectations match the data (the dual of the minimax problem).
 * EM from the majority-vote shares: each round fits every worker's σ_r and
 * then every item's τ_i by L-BFGS on the expected log-likelihood with an L2
 * penalty, then sets the posteriors (uniform class prior).
 *
 * As Zheng et al.'s framework runs Qiang Liu's code: penalties 0.25 K² on
 * workers and that times mean worker degree / mean item degree on items,
 * at most 50 rounds, tolerance 5e-3 on the posteriors, and each M-step at
 * most 25 L-BFGS iterations with tolerances 1e-3 (minFunc's stopping rules). `objective` is the log-likelihood of the labels
 * under each round's parameters (the penalised M-step does not make it
 * monotone).
 *
 * Cite: D. Zhou, S. Basu, Y. Mao, J. C. Platt, "Learning from the wisdom of
 * crowds by minimax entropy", NeurIPS 2012; D. Zhou, Q. Liu, J. C. Platt,
 * C. Meek, "Aggregating ordinal labels from crowds by minimax conditional
 * entropy", ICML 2014.
 */
export function minimaxEntropy(labels: CrowdLabels, options: MinimaxEntropyOptions = {}): MinimaxEntropyResult {
  const o = resolveOptions('minimax', MINIMAX_ENTROPY_OPTIONS, options);
  const N = labels.numItems;
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const KK = K * K;
  let itemsWithLabels = 0;
  for (let i = 0; i < N; i++) if (labels.itemDegree(i) > 0) itemsWithLabels++;
  let workersWithLabels = 0;
  for (let r = 0; r < R; r++) if ((labels.workerOffsets[r + 1] as number) > (labels.workerOffsets[r] as number)) workersWithLabels++;
  const lambdaWorker = o.lambdaWorker ?? 0.25 * KK;
  // mean worker degree / mean item degree = items / workers (both count the same labels)
  const lambdaItem = o.lambdaItem ?? (workersWithLabels > 0 ? (lambdaWorker * itemsWithLabels) / workersWithLabels : lambdaWorker);
  const posteriors = voteScores(labels, undefined, undefined, { tieBreak: 'lowest' }).posteriors;
  const sigma = new Float64Array(R * KK);
  const tau = new Float64Array(N * KK);
  const fit = new ExpectedLogLikelihood(labels, posteriors);
  const minimizer = new LbfgsMinimizer(KK, o.mStepIterations);
  const lbfgs = { maxIterations: o.mStepIterations, gradientTolerance: o.mStepTol, progressTolerance: o.mStepTol };
  let current = 0;
  const workerObjective = (x: Float64Array, grad: Float64Array) =>
    fit.evaluate(x, grad, labels.workerOrder, labels.workerOffsets[current] as number, labels.workerOffsets[current + 1] as number, labels.item, tau, lambdaWorker);
  const itemObjective = (x: Float64Array, grad: Float64Array) =>
    fit.evaluate(x, grad, null, labels.itemOffsets[current] as number, labels.itemOffsets[current + 1] as number, labels.worker, sigma, lambdaItem);
  const previous = new Float64Array(N * K);
  const logits = new Float64Array(K);
  const objective: number[] = [];
  let iterations = 0;
  let converged = false;
  while (iterations < o.maxIterations) {
    iterations++;
    for (current = 0; current < R; current++) {
      if ((labels.workerOffsets[current + 1] as number) > (labels.workerOffsets[current] as number)) minimizer.minimize(workerObjective, sigma.subarray(current * KK, (current + 1) * KK), lbfgs);
    }
    for (current = 0; current < N; current++) {
      if (labels.itemDegree(current) > 0) minimizer.minimize(itemObjective, tau.subarray(current * KK, (current + 1) * KK), lbfgs);
    }
    // E-step: posterior ∝ Π over the item's labels of softmax_l(σ_r[c] + τ_i[c]) at the given l
    previous.set(posteriors);
    let logLikelihood = 0;
    for (let i = 0; i < N; i++) {
      const start = labels.itemOffsets[i] as number;
      const end = labels.itemOffsets[i + 1] as number;
      if (start === end) continue;
      for (let c = 0; c < K; c++) posteriors[i * K + c] = -portableLog(K);
      for (let e = start; e < end; e++) {
        const s = (labels.worker[e] as number) * KK;
        const l = labels.label[e] as number;
        for (let c = 0; c < K; c++) {
          for (let m = 0; m < K; m++) logits[m] = (sigma[s + c * K + m] as number) + (tau[i * KK + c * K + m] as number);
          posteriors[i * K + c]! += (logits[l] as number) - logSumExp(logits, K);
        }
      }
      logLikelihood += softmaxInPlace(posteriors, i * K, K);
    }
    objective.push(logLikelihood);
    let change = 0;
    for (let j = 0; j < N * K; j++) change = Math.max(change, Math.abs((posteriors[j] as number) - (previous[j] as number)));
    if (change < o.tol) {
      converged = true;
      break;
    }
  }
  const prior = new Float64Array(K).fill(1 / K);
  fillEmptyItems(labels, prior, posteriors);
  const confusion = Float64Array.from(sigma);
  for (let row = 0; row < R * K; row++) softmaxInPlace(confusion, row * K, K);
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return { method: 'minimax', labels: argmax.rows(posteriors, N, K), posteriors, prior, confusion, workerParameters: sigma, itemParameters: tau, iterations, converged, objective };
}

/**
 * The M-step's objective for one worker's (or one item's) parameters x:
 * minus the expected log-likelihood of its labels, Σ_labels Σ_c q_i(c) ·
 * log softmax_l(x[c] + other[c])[label], plus λ/2 ‖x‖²; its gradient is
 * Σ q_i(c) (p[c, ·] − onehot(label)) + λ x.
 */
class ExpectedLogLikelihood {
  readonly #labels: CrowdLabels;
  readonly #posteriors: Float64Array;
  readonly #row: Float64Array;

  constructor(labels: CrowdLabels, posteriors: Float64Array) {
    this.#labels = labels;
    this.#posteriors = posteriors;
    this.#row = new Float64Array(labels.numClasses);
  }

  /**
   * Over the labels at positions [start, end) of `positions` (or the label
   * indices themselves when null); `otherOf` gives each label's owner of the
   * other parameters (its item for a worker's, its worker for an item's).
   */
  evaluate(x: Float64Array, grad: Float64Array, positions: Int32Array | null, start: number, end: number, otherOf: Int32Array, other: Float64Array, lambda: number): number {
    const K = this.#labels.numClasses;
    const KK = K * K;
    const row = this.#row;
    const q = this.#posteriors;
    let value = 0;
    grad.fill(0);
    for (let p = start; p < end; p++) {
      const e = positions === null ? p : (positions[p] as number);
      const o = (otherOf[e] as number) * KK;
      const qi = (this.#labels.item[e] as number) * K;
      const l = this.#labels.label[e] as number;
      for (let c = 0; c < K; c++) {
        const w = q[qi + c] as number;
        if (w === 0) continue;
        for (let m = 0; m < K; m++) row[m] = (x[c * K + m] as number) + (other[o + c * K + m] as number);
        const lse = logSumExp(row, K);
        value -= w * ((row[l] as number) - lse);
        for (let m = 0; m < K; m++) grad[c * K + m]! += w * portableExp((row[m] as number) - lse);
        grad[c * K + l]! -= w;
      }
    }
    let squares = 0;
    for (let j = 0; j < KK; j++) {
      squares += (x[j] as number) * (x[j] as number);
      grad[j]! += lambda * (x[j] as number);
    }
    return value + 0.5 * lambda * squares;
  }
}

/** log Σ_m exp(v[m]) over the first K entries, without overflow. */
function logSumExp(v: Float64Array, K: number): number {
  let max = -Infinity;
  for (let m = 0; m < K; m++) if ((v[m] as number) > max) max = v[m] as number;
  let sum = 0;
  for (let m = 0; m < K; m++) sum += portableExp((v[m] as number) - max);
  return max + portableLog(sum);
}
