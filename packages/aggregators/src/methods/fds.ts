import { type CrowdLabels, resolveOptions, type OptionTable } from '@crowdlearn/core-matrix';
import { RowArgmax } from '@crowdlearn/core-matrix';
import { confusionCounts } from '../internal/confusion-counts.js';
import { confusionModelResult, runConfusionEm } from '../internal/confusion-em.js';
import { meanPosterior } from '../internal/empty-items.js';
import type { CommonOptions, ConfusionModelResult } from '../types.js';
import { resetEmptyRows } from './dawid-skene.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link fastDawidSkene}. */
export interface FastDawidSkeneOptions extends CommonOptions {
  /** Iteration limit. Default 100. */
  maxIterations?: number;
  /** Stop when Σ_k |Δprior_k| is below this. Default 1e-4. */
  tol?: number;
}

/** {@link fastDawidSkene}'s options: defaults and ranges. */
export const FAST_DAWID_SKENE_OPTIONS = {
  maxIterations: { kind: 'integer', min: 0, default: 100, description: 'iteration limit' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-4, description: 'stop when the class prior moves by less than this (L1)' },
} as const satisfies OptionTable;

/**
 * Fast Dawid-Skene (Sinha et al. 2018; MMLC's `FDS_model.py`): hard EM.
 * Posteriors start as the one-hot MV label (ties by `tieBreak`); each
 * iteration runs the DS M-step, then the DS E-step followed by replacing each
 * row with the one-hot of its argmax. Stops when Σ_k |Δρ_k| < 1e-4.
 *
 * Cite: V. B. Sinha, S. Rao, V. N. Balasubramanian, "Fast Dawid-Skene: a fast
 * vote aggregation scheme for sentiment classification", KDD WISDOM 2018.
 */
export function fastDawidSkene(labels: CrowdLabels, options: FastDawidSkeneOptions = {}): ConfusionModelResult {
  const o = resolveOptions('fds', FAST_DAWID_SKENE_OPTIONS, options);
  const N = labels.numItems;
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  const harden = (posteriors: Float64Array) => {
    const hard = argmax.rows(posteriors, N, K);
    for (let i = 0; i < N; i++) {
      if (labels.itemDegree(i) === 0) continue;
      for (let k = 0; k < K; k++) posteriors[i * K + k] = k === hard[i] ? 1 : 0;
    }
  };
  const start = voteScores(labels, undefined, undefined, options).posteriors;
  harden(start);
  const tol = o.tol;
  const outcome = runConfusionEm(labels, {
    start: { posteriors: start },
    mStep: (posteriors) => {
      const confusion = new Float64Array(R * K * K);
      confusionCounts(labels, posteriors, confusion);
      resetEmptyRows(confusion, R, K);
      return { prior: meanPosterior(labels, posteriors), confusion };
    },
    afterEStep: harden,
    maxIterations: o.maxIterations,
    converged: (next, previous) => {
      let change = 0;
      for (let k = 0; k < K; k++) change += Math.abs((next.prior[k] as number) - (previous.prior[k] as number));
      return change < tol;
    },
  });
  return confusionModelResult('fds', labels, outcome, options);
}
