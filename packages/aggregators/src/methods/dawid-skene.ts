import { type CrowdLabels, resolveOptions, type OptionTable, portableLog } from '@crowdlearn/core-matrix';
import { EPS } from '../internal/clamp.js';
import { confusionCounts, usedLabels } from '../internal/confusion-counts.js';
import { confusionModelResult, runConfusionEm, type ConfusionParams } from '../internal/confusion-em.js';
import { diagonalConfusion } from '../internal/confusion-init.js';
import { meanPosterior } from '../internal/empty-items.js';
import type { CommonOptions, ConfusionModelResult } from '../types.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link dawidSkene}. */
export interface DawidSkeneOptions extends CommonOptions {
  /**
   * - `'crowdkit'` (default): T = soft MV, then an M-step; loop E then M; stop
   *   after 100 iterations or when crowd-kit's per-label ELBO gains less than
   *   `tol` (1e-5); a confusion entry with no mass is clipped at 1e-10 and the
   *   row renormalised over the labels the worker used.
   * - `'mmlc'` (reproduces MMLC Table 1): uniform prior, confusion 0.7 on the
   *   diagonal and 0.3/(K-1) off it; E first, then M; exactly 10 iterations;
   *   a row with zero posterior mass is reset to that default.
   */
  preset?: 'crowdkit' | 'mmlc';
  /** Iteration limit (default 100 for crowdkit, 10 for mmlc). */
  maxIterations?: number;
  /** Stopping tolerance on crowd-kit's ELBO per label (crowdkit preset). Default 1e-5. */
  tol?: number;
}

/** {@link dawidSkene}'s options: defaults and ranges. */
export const DAWID_SKENE_OPTIONS = {
  preset: { kind: 'choice', choices: ['crowdkit', 'mmlc'], default: 'crowdkit', description: "crowd-kit's initialisation and stopping rule, or MMLC's fixed 10 iterations from a 0.7 diagonal" },
  maxIterations: { kind: 'integer', min: 0, defaultText: '100 (crowdkit), 10 (mmlc)', description: 'iteration limit' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-5, description: "stop when crowd-kit's ELBO per label gains less than this (crowdkit preset)" },
} as const satisfies OptionTable;

/**
 * Dawid-Skene (1979) truth inference by EM: one K x K confusion matrix per
 * worker and a class prior. `objective` holds the marginal log-likelihood at
 * each E-step (non-decreasing).
 *
 * Cite: A. P. Dawid, A. M. Skene, "Maximum likelihood estimation of observer
 * error-rates using the EM algorithm", Applied Statistics 28(1), 1979.
 */
export function dawidSkene(labels: CrowdLabels, options: DawidSkeneOptions = {}): ConfusionModelResult {
  const o = resolveOptions('ds', DAWID_SKENE_OPTIONS, options);
  const preset = o.preset;
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const used = usedLabels(labels);
  const counts = new Float64Array(R * K * K); // the last M-step's expected counts, reused by the stopping rule
  const mStep = (posteriors: Float64Array): ConfusionParams => {
    confusionCounts(labels, posteriors, counts);
    const confusion = counts.slice();
    if (preset === 'crowdkit') crowdkitNormalise(confusion, used, R, K);
    else resetEmptyRows(confusion, R, K);
    return { prior: meanPosterior(labels, posteriors), confusion };
  };
  const elboTol = o.tol;
  let previousElbo = -Infinity;
  const outcome = runConfusionEm(labels, {
    start:
      preset === 'crowdkit'
        ? { posteriors: voteScores(labels, undefined, undefined, { tieBreak: 'lowest' }).posteriors }
        : { prior: new Float64Array(K).fill(1 / K), confusion: diagonalConfusion(R, K, 0.7) },
    mStep,
    maxIterations: o.maxIterations ?? (preset === 'mmlc' ? 10 : 100),
    converged: (next, _previous, posteriors) => {
      if (preset === 'mmlc') return false;
      const elbo = crowdkitElbo(labels, posteriors, next, counts) / Math.max(1, labels.numLabels);
      const stop = elbo - previousElbo < elboTol;
      previousElbo = elbo;
      return stop;
    },
  });
  const result = confusionModelResult('ds', labels, outcome, options);
  // the mmlc preset runs a fixed number of iterations: there is no stopping rule to meet
  if (preset === 'mmlc') delete result.converged;
  return result;
}

/** crowd-kit's M-step normalisation: clip entries of used labels at EPS, then normalise over the used labels. */
function crowdkitNormalise(counts: Float64Array, used: Uint8Array, R: number, K: number): void {
  for (let r = 0; r < R; r++) {
    for (let k = 0; k < K; k++) {
      const row = (r * K + k) * K;
      let sum = 0;
      for (let l = 0; l < K; l++) {
        if (used[r * K + l] === 1) {
          if ((counts[row + l] as number) < EPS) counts[row + l] = EPS;
          sum += counts[row + l] as number;
        } else {
          counts[row + l] = 0;
        }
      }
      for (let l = 0; l < K; l++) counts[row + l] = sum > 0 ? (counts[row + l] as number) / sum : 0;
    }
  }
}

/** Normalises each row; a row with zero posterior mass is reset to the MMLC default (0.7 / 0.3/(K-1)). */
export function resetEmptyRows(counts: Float64Array, R: number, K: number): void {
  for (let r = 0; r < R; r++) {
    for (let k = 0; k < K; k++) {
      const row = (r * K + k) * K;
      let sum = 0;
      for (let l = 0; l < K; l++) sum += counts[row + l] as number;
      for (let l = 0; l < K; l++) {
        counts[row + l] = sum > 0 ? Math.max((counts[row + l] as number) / sum, EPS) : k === l ? 0.7 : 0.3 / (K - 1);
      }
    }
  }
}

/**
 * crowd-kit's stopping objective: Σ_labels Σ_k T_ik (log e_r[k][l] + log ρ_k)
 * + Σ_i H(T_i), with T clipped at EPS inside the entropy. The prior is counted
 * once per label, as crowd-kit does: it is a stopping rule, not the likelihood.
 *
 * Computed without a pass over the labels: the first sum is
 * Σ_{r,k,l} counts[r][k][l] log e_r[k][l] with the M-step's expected counts
 * (recomputed when not given), and the prior term is Σ_i deg_i Σ_k T_ik log ρ_k.
 */
export function crowdkitElbo(
  labels: CrowdLabels,
  posteriors: Float64Array,
  params: ConfusionParams,
  counts?: Float64Array,
): number {
  const K = labels.numClasses;
  const { prior, confusion } = params;
  let expected = counts;
  if (expected === undefined) {
    expected = new Float64Array(confusion.length);
    confusionCounts(labels, posteriors, expected);
  }
  let total = 0;
  for (let j = 0; j < expected.length; j++) {
    const c = expected[j] as number;
    if (c > 0) total += c * portableLog(confusion[j] as number);
  }
  const logPrior = Float64Array.from(prior, (p) => portableLog(Math.max(p, EPS)));
  for (let i = 0; i < labels.numItems; i++) {
    const degree = labels.itemDegree(i);
    if (degree === 0) continue;
    for (let k = 0; k < K; k++) {
      const t = posteriors[i * K + k] as number;
      total += degree * t * (logPrior[k] as number) - t * portableLog(Math.max(t, EPS));
    }
  }
  return total;
}
