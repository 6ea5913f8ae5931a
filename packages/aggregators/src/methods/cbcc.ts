import { originalOrder, portableLog, resolveOptions, RowArgmax, type CrowdLabels, type OptionTable } from '@crowdlearn/core-matrix';
import { inCanonicalOrder } from '../internal/canonical-run.js';
import { softmaxInPlace } from '../internal/confusion-e-step.js';
import { digamma } from '../internal/digamma.js';
import { fillEmptyItems } from '../internal/empty-items.js';
import { GaussianSoftmaxRow, logSumExpHalfVariance } from '../internal/gaussian-softmax-row.js';
import type { CommonOptions, ConfusionModelResult } from '../types.js';

/** Options of {@link cbcc}. */
export interface CbccOptions extends CommonOptions {
  /** How many communities of workers. Default 4 (the framework's driver; Venanzi's class default is 3). */
  communities?: number;
  /** Precision of a worker's score matrix around their community's. Default 5 (`NoisePrecision`). */
  noisePrecision?: number;
  /** Symmetric Dirichlet prior of the community shares. Default 10 (`CommunityPseudoCount`). */
  communityPseudoCount?: number;
  /** The prior probability of a correct answer that sets the community score prior. Default 0.7 (`InitialWorkerBelief`). */
  initialWorkerBelief?: number;
  /** Variational message-passing sweeps. Default 40 (`NumberOfIterations`). */
  maxIterations?: number;
}

/** {@link cbcc}'s options: defaults and ranges. */
export const CBCC_OPTIONS = {
  communities: { kind: 'integer', min: 1, default: 4, description: 'how many communities of workers' },
  noisePrecision: { kind: 'number', min: 0, exclusiveMin: true, default: 5, description: "precision of a worker's score matrix around their community's" },
  communityPseudoCount: { kind: 'number', min: 0, exclusiveMin: true, default: 10, description: 'symmetric Dirichlet prior of the community shares' },
  initialWorkerBelief: { kind: 'number', min: 0, exclusiveMin: true, max: 0.999, default: 0.7, description: 'prior probability of a correct answer, below 1 (sets the community score prior)' },
  maxIterations: { kind: 'integer', min: 1, default: 40, description: 'variational message-passing sweeps' },
} as const satisfies OptionTable;

/** What {@link cbcc} returns besides the labels. */
export interface CbccResult extends ConfusionModelResult {
  /** q(community) of every worker, R x M row-major. */
  communityMembership: Float64Array;
  /** Each community's confusion matrix (softmax of its mean score rows), M x K x K. */
  communityConfusion: Float64Array;
}

/**
 * Community-based Bayesian classifier combination (Venanzi et al. 2014):
 * workers belong to one of M communities; a community has a Gaussian score
 * vector per true class, a worker's score vectors are Gaussian around their
 * community's (precision `noisePrecision`), and the worker's confusion row
 * is the softmax of their score vector. Items' classes follow a Dirichlet
 * background distribution and communities a Dirichlet share.
 *
 * Inference is variational message passing, as the reference runs it in
 * Infer.NET, with the same softmax bound (Blei & Lafferty's, `SoftmaxOp_BL06`:
 * E[log Σ exp s] ≤ log Σ exp(m + v/2)) and the reference's settings: 4
 * communities, noise precision 5, community pseudo-count 10, a correct
 * answer believed 0.7 a priori, 40 sweeps, each worker's community started
 * at random. Here the communities start instead from bins of the workers'
 * agreement with their co-labellers, the Gaussians are diagonal and each community
 * score prior is the Laplace approximation in the softmax basis (MacKay 1998)
 * of the reference's Dirichlet confusion prior (0.7/0.3·(K−1) on the
 * diagonal, 1 off it), where the reference fits it by a small VMP problem;
 * each worker's score row takes a few Newton steps per sweep.
 *
 * Cite: M. Venanzi, J. Guiver, G. Kazai, P. Kohli, M. Shokouhi,
 * "Community-based Bayesian aggregation models for crowdsourcing", WWW 2014.
 */
export function cbcc(labels: CrowdLabels, options: CbccOptions = {}): CbccResult {
  // in canonical order, so that the starting communities cannot depend on the file's row order
  return inCanonicalOrder(labels, (l) => cbccInOrder(l, options), (r, order) => ({ confusion: originalOrder(r.confusion, order.workerOf), communityMembership: originalOrder(r.communityMembership, order.workerOf) }));
}

function cbccInOrder(labels: CrowdLabels, options: CbccOptions): CbccResult {
  const o = resolveOptions('cbcc', CBCC_OPTIONS, options);
  const N = labels.numItems;
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const M = o.communities;
  const KK = K * K;
  const tau = o.noisePrecision;
  // community score prior per true class c: Laplace approximation of Dirichlet(α_c) in the softmax basis
  const priorMean = new Float64Array(KK);
  const priorPrecision = new Float64Array(KK);
  const diagonal = K > 1 ? (o.initialWorkerBelief / (1 - o.initialWorkerBelief)) * (K - 1) : 1;
  for (let c = 0; c < K; c++) {
    let meanLog = 0;
    let inverseSum = 0;
    for (let j = 0; j < K; j++) {
      const a = j === c ? diagonal : 1;
      meanLog += portableLog(a) / K;
      inverseSum += 1 / a;
    }
    for (let j = 0; j < K; j++) {
      const a = j === c ? diagonal : 1;
      priorMean[c * K + j] = portableLog(a) - meanLog;
      priorPrecision[c * K + j] = 1 / ((1 / a) * (1 - 2 / K) + inverseSum / (K * K));
    }
  }
  // q(community of each worker): a point mass to break the symmetry (see startingCommunities)
  const membership = startingCommunities(labels, M);
  // q(community scores), M x K x K, and q(worker scores), R x K x K: all start at the prior mean
  const communityMean = new Float64Array(M * KK);
  const communityVariance = new Float64Array(M * KK);
  for (let m = 0; m < M; m++) {
    communityMean.set(priorMean, m * KK);
    for (let j = 0; j < KK; j++) communityVariance[m * KK + j] = 1 / (priorPrecision[j] as number);
  }
  const workerMean = new Float64Array(R * KK);
  const workerVariance = new Float64Array(R * KK).fill(1 / tau);
  for (let r = 0; r < R; r++) workerMean.set(priorMean, r * KK);
  // the BL06 bound's log-normaliser of each worker score row: log Σ_j exp(m_j + v_j / 2)
  const rowNormaliser = new Float64Array(R * K);
  const refreshNormalisers = (r: number) => {
    for (let c = 0; c < K; c++) rowNormaliser[r * K + c] = logSumExpHalfVariance(workerMean, workerVariance, r * KK + c * K, K, null);
  };
  for (let r = 0; r < R; r++) refreshNormalisers(r);
  const shares = new Float64Array(M).fill(o.communityPseudoCount);
  for (let r = 0; r < R; r++) for (let m = 0; m < M; m++) shares[m]! += membership[r * M + m] as number;
  const background = new Float64Array(K).fill(1);
  const lnBackground = new Float64Array(K);
  const posteriors = new Float64Array(N * K);
  const counts = new Float64Array(KK);
  const row = new GaussianSoftmaxRow(K);
  const objective: number[] = [];
  for (let sweep = 0; sweep < o.maxIterations; sweep++) {
    // items: log q(t_i = c) = E[ln ρ_c] + Σ_labels (m_{r,c}[l] − normaliser_{r,c})
    expectedLogs(background, lnBackground);
    let bound = 0;
    for (let i = 0; i < N; i++) {
      const start = labels.itemOffsets[i] as number;
      const end = labels.itemOffsets[i + 1] as number;
      if (start === end) continue;
      for (let c = 0; c < K; c++) posteriors[i * K + c] = lnBackground[c] as number;
      for (let e = start; e < end; e++) {
        const r = labels.worker[e] as number;
        const l = labels.label[e] as number;
        for (let c = 0; c < K; c++) posteriors[i * K + c]! += (workerMean[r * KK + c * K + l] as number) - (rowNormaliser[r * K + c] as number);
      }
      bound += softmaxInPlace(posteriors, i * K, K);
    }
    objective.push(bound);
    background.fill(1);
    for (let i = 0; i < N; i++) if (labels.itemDegree(i) > 0) for (let c = 0; c < K; c++) background[c]! += posteriors[i * K + c] as number;
    // workers' score rows: the expected counts against the community mean they are drawn to
    for (let r = 0; r < R; r++) {
      counts.fill(0);
      for (let p = labels.workerOffsets[r] as number; p < (labels.workerOffsets[r + 1] as number); p++) {
        const e = labels.workerOrder[p] as number;
        const i = labels.item[e] as number;
        const l = labels.label[e] as number;
        for (let c = 0; c < K; c++) counts[c * K + l]! += posteriors[i * K + c] as number;
      }
      for (let c = 0; c < K; c++) {
        row.target.fill(0);
        for (let m = 0; m < M; m++) {
          const z = membership[r * M + m] as number;
          for (let j = 0; j < K; j++) row.target[j]! += z * (communityMean[m * KK + c * K + j] as number);
        }
        row.fit(counts, c * K, tau, workerMean, workerVariance, r * KK + c * K);
      }
      refreshNormalisers(r);
    }
    // communities' score rows: Gaussian prior times their members' pull (conjugate)
    for (let m = 0; m < M; m++) {
      let weight = 0;
      for (let r = 0; r < R; r++) weight += membership[r * M + m] as number;
      for (let j = 0; j < KK; j++) {
        let pull = 0;
        for (let r = 0; r < R; r++) pull += (membership[r * M + m] as number) * (workerMean[r * KK + j] as number);
        const precision = (priorPrecision[j] as number) + tau * weight;
        communityVariance[m * KK + j] = 1 / precision;
        communityMean[m * KK + j] = ((priorPrecision[j] as number) * (priorMean[j] as number) + tau * pull) / precision;
      }
    }
    // memberships: E[ln π_m] − τ/2 Σ E‖s_r − S_m‖² (the worker's own variance is the same for every m)
    const lnShares = new Float64Array(M);
    expectedLogs(shares, lnShares);
    for (let r = 0; r < R; r++) {
      for (let m = 0; m < M; m++) {
        let distance = 0;
        for (let j = 0; j < KK; j++) {
          const d = (workerMean[r * KK + j] as number) - (communityMean[m * KK + j] as number);
          distance += d * d + (communityVariance[m * KK + j] as number);
        }
        membership[r * M + m] = (lnShares[m] as number) - 0.5 * tau * distance;
      }
      softmaxInPlace(membership, r * M, M);
    }
    shares.fill(o.communityPseudoCount);
    for (let r = 0; r < R; r++) for (let m = 0; m < M; m++) shares[m]! += membership[r * M + m] as number;
  }
  let total = 0;
  for (let c = 0; c < K; c++) total += background[c] as number;
  const prior = Float64Array.from(background, (b) => b / total);
  fillEmptyItems(labels, prior, posteriors);
  const confusion = Float64Array.from(workerMean);
  for (let j = 0; j < R * K; j++) softmaxInPlace(confusion, j * K, K);
  const communityConfusion = Float64Array.from(communityMean);
  for (let j = 0; j < M * K; j++) softmaxInPlace(communityConfusion, j * K, K);
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return {
    method: 'cbcc',
    labels: argmax.rows(posteriors, N, K),
    posteriors,
    prior,
    confusion,
    communityMembership: membership,
    communityConfusion,
    iterations: o.maxIterations,
    objective,
  };
}

/**
 * Each worker's first community, by how much they agree with the others: M
 * bins of their mean share of co-labellers giving the same label, cut at
 * the quantiles of those means (a worker with no co-labeller counts as 0).
 * The reference draws them at random; agreement bins start the communities
 * apart by skill instead, and depend on neither the order of the workers
 * nor the names of the classes.
 */
function startingCommunities(labels: CrowdLabels, M: number): Float64Array {
  const R = labels.numWorkers;
  const K = labels.numClasses;
  const agreement = new Float64Array(R);
  const given = new Float64Array(K);
  const labelsOf = new Float64Array(R);
  for (let i = 0; i < labels.numItems; i++) {
    const start = labels.itemOffsets[i] as number;
    const end = labels.itemOffsets[i + 1] as number;
    if (end - start < 2) continue;
    given.fill(0);
    for (let e = start; e < end; e++) given[labels.label[e] as number]! += 1;
    for (let e = start; e < end; e++) {
      const r = labels.worker[e] as number;
      agreement[r]! += ((given[labels.label[e] as number] as number) - 1) / (end - start - 1);
      labelsOf[r]! += 1;
    }
  }
  for (let r = 0; r < R; r++) if ((labelsOf[r] as number) > 0) agreement[r]! /= labelsOf[r] as number;
  const sorted = Float64Array.from(agreement).sort();
  const membership = new Float64Array(R * M);
  for (let r = 0; r < R; r++) {
    let bin = 0;
    for (let m = 1; m < M; m++) if ((agreement[r] as number) >= (sorted[Math.floor((m * R) / M)] as number)) bin = m;
    membership[r * M + bin] = 1;
  }
  return membership;
}

/** E[ln x] under Dirichlet(`alpha`), into `out`. */
function expectedLogs(alpha: Float64Array, out: Float64Array): void {
  let sum = 0;
  for (const a of alpha) sum += a;
  const psiSum = digamma(sum);
  for (let j = 0; j < alpha.length; j++) out[j] = digamma(alpha[j] as number) - psiSum;
}
