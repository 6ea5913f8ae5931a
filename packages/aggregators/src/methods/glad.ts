import type { CrowdLabels } from '@crowdlearn/core-matrix';
import { RowArgmax } from '../internal/argmax.js';
import { minimizeCG } from '../internal/conjugate-gradient.js';
import { softmaxInPlace } from '../internal/confusion-e-step.js';
import { fillEmptyItems } from '../internal/empty-items.js';
import { logSigmoid } from '../internal/log-sigmoid.js';
import type { AggregationResult, CommonOptions } from '../types.js';

/** Options of {@link glad} (crowd-kit's defaults). */
export interface GladOptions extends CommonOptions {
  /** EM iterations at most. Default 100. */
  maxIterations?: number;
  /** Stop when the objective per (label, class) pair gains less than this. Default 1e-5. */
  tol?: number;
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

/** GLAD's result: the posteriors plus each worker's ability and each item's difficulty. */
export interface GladResult extends AggregationResult {
  /** Worker abilities alpha_r (length R). */
  alpha: Float64Array;
  /** Item log inverse-difficulties beta_i (length N); the model uses exp(beta_i) > 0. */
  beta: Float64Array;
}

/**
 * GLAD (Whitehill et al. 2009), as in crowd-kit: a worker answers correctly
 * with probability σ(α_r e^{β_i}), else uniformly among the other K-1
 * classes; Gaussian priors N(1, 1) on α and β; a fixed class prior. EM with
 * an M-step by nonlinear conjugate gradient (25 iterations, tolerance 1e-2)
 * on analytic gradients. `objective` is crowd-kit's Q per (label, class)
 * pair after each M-step (expected complete log-likelihood plus the log
 * priors): the stopping rule compares it. Everything runs in O(labels) per
 * evaluation, since Σ_k T_ik [l_ir = k] = T_{i,l_ir}.
 *
 * Cite: J. Whitehill, P. Ruvolo, T. Wu, J. Bergsma, J. Movellan, "Whose vote
 * should count more: optimal integration of labels from labelers of unknown
 * expertise", NeurIPS 2009.
 */
export function glad(labels: CrowdLabels, options: GladOptions = {}): GladResult {
  const N = labels.numItems;
  const R = labels.numWorkers;
  const K = labels.numClasses;
  const { item, worker, label } = labels;
  const nLabels = labels.numLabels;
  const alphaMean = options.alphaPriorMean ?? 1;
  const betaMean = options.betaPriorMean ?? 1;
  const logPrior = Float64Array.from({ length: K }, (_, k) => Math.log(options.prior?.[k] ?? 1 / K));
  const logKm1 = Math.log(Math.max(1, K - 1));
  const activeWorker = Uint8Array.from({ length: R }, (_, r) => (labels.workerDegree(r) > 0 ? 1 : 0));
  const activeItem = Uint8Array.from({ length: N }, (_, i) => (labels.itemDegree(i) > 0 ? 1 : 0));

  // x = [alpha (R), beta (N)]
  const x = new Float64Array(R + N).fill(1);
  for (let r = 0; r < R; r++) x[r] = 1;
  const posteriors = new Float64Array(N * K);
  const tAtLabel = new Float64Array(nLabels); // T_{i, l_ir} for each label

  const eStep = () => {
    for (let i = 0; i < N; i++) {
      if (activeItem[i] === 0) continue;
      const row = i * K;
      for (let k = 0; k < K; k++) posteriors[row + k] = logPrior[k] as number;
      const eb = Math.exp(x[R + i] as number);
      for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) {
        const z = (x[worker[e] as number] as number) * eb;
        const right = logSigmoid(z);
        const wrong = logSigmoid(-z) - logKm1;
        const l = label[e] as number;
        for (let k = 0; k < K; k++) posteriors[row + k]! += k === l ? right : wrong;
      }
      softmaxInPlace(posteriors, row, K);
    }
    for (let e = 0; e < nLabels; e++) tAtLabel[e] = posteriors[(item[e] as number) * K + (label[e] as number)] as number;
  };

  // Negative Q and its gradient (minimised by CG).
  const expBeta = new Float64Array(N);
  const negQ = (p: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    for (let i = 0; i < N; i++) expBeta[i] = Math.exp(p[R + i] as number);
    let q = 0;
    for (let e = 0; e < nLabels; e++) {
      const r = worker[e] as number;
      const i = item[e] as number;
      const a = p[r] as number;
      const eb = expBeta[i] as number;
      const z = a * eb;
      // log σ(z), log σ(-z) = log σ(z) - z and σ(z) from one exp and one log1p
      const t0 = Math.exp(-Math.abs(z));
      const logSigZ = (z >= 0 ? 0 : z) - Math.log1p(t0);
      const sig = z >= 0 ? 1 / (1 + t0) : t0 / (1 + t0);
      const t = tAtLabel[e] as number;
      q += t * logSigZ + (1 - t) * (logSigZ - z - logKm1);
      const d = t - sig; // Σ_k T_ik (δ_k - σ)
      grad[r]! -= d * eb;
      grad[R + i]! -= d * a * eb;
    }
    for (let r = 0; r < R; r++) {
      if (activeWorker[r] === 0) continue;
      const dev = (p[r] as number) - alphaMean;
      q -= 0.5 * dev * dev + 0.5 * Math.log(2 * Math.PI);
      grad[r]! += dev;
    }
    for (let i = 0; i < N; i++) {
      if (activeItem[i] === 0) continue;
      const dev = (p[R + i] as number) - betaMean;
      q -= 0.5 * dev * dev + 0.5 * Math.log(2 * Math.PI);
      grad[R + i]! += dev;
    }
    return -q;
  };

  const scratch = new Float64Array(R + N);
  const pairs = Math.max(1, nLabels * K);
  eStep();
  let q = -negQ(x, scratch); // crowd-kit compares the first normalised Q with this unnormalised one
  const objective: number[] = [];
  const maxIterations = options.maxIterations ?? 100;
  const tol = options.tol ?? 1e-5;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const last = q;
    eStep();
    minimizeCG(negQ, x, {
      maxIterations: options.mStepMaxIterations ?? 25,
      gradientTolerance: options.mStepTol ?? 1e-2,
    });
    q = -negQ(x, scratch) / pairs;
    objective.push(q);
    if (q - last < tol) {
      converged = true;
      break;
    }
  }
  const prior = Float64Array.from(logPrior, Math.exp);
  fillEmptyItems(labels, prior, posteriors);
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return {
    method: 'glad',
    labels: argmax.rows(posteriors, N, K),
    posteriors,
    alpha: x.slice(0, R),
    beta: x.slice(R),
    iterations,
    converged,
    objective,
  };
}
