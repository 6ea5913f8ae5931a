import { type CrowdLabels, resolveOptions, type OptionTable } from '@crowdlearn/core-matrix';
import { clampProbability } from '../internal/clamp.js';
import { confusionCounts } from '../internal/confusion-counts.js';
import { confusionModelResult, runConfusionEm } from '../internal/confusion-em.js';
import { diagonalConfusion } from '../internal/confusion-init.js';
import { meanPosterior } from '../internal/empty-items.js';
import type { CommonOptions, ConfusionModelResult } from '../types.js';

/** Options of {@link hds}. */
export interface HdsOptions extends CommonOptions {
  /**
   * `'classConditional'` (default; MMLC's `HDS_model.py`, which produced the
   * paper's numbers): a per-class accuracy a_rk on the diagonal and
   * (1 - a_rk)/(K-1) off it. `'oneCoin'`: the paper's description, one
   * accuracy per worker.
   */
  variant?: 'classConditional' | 'oneCoin';
  /** Iteration limit. Default 20. */
  maxIterations?: number;
  /** Stop when the relative change of the log-likelihood is below this. Default 1e-4. */
  tol?: number;
}

/** {@link hds}'s options: defaults and ranges. */
export const HDS_OPTIONS = {
  variant: { kind: 'choice', choices: ['classConditional', 'oneCoin'], default: 'classConditional', description: "per-class accuracies (MMLC's code) or one accuracy per worker (the paper's text)" },
  maxIterations: { kind: 'integer', min: 0, default: 20, description: 'iteration limit' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-4, description: 'stop when the log-likelihood changes by less than this, relatively' },
} as const satisfies OptionTable;

/**
 * Homogeneous Dawid-Skene (HDS, the name used in the MMLC paper): DS with
 * errors spread uniformly over the wrong classes. Initialised as DS's `'mmlc'`
 * preset (uniform prior, 0.7 on the diagonal), E-step first, at most 20
 * iterations, stop on a relative log-likelihood change below 1e-4. A class
 * with no posterior mass for a worker keeps accuracy 0.7.
 */
export function hds(labels: CrowdLabels, options: HdsOptions = {}): ConfusionModelResult {
  const o = resolveOptions('hds', HDS_OPTIONS, options);
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const variant = o.variant;
  const tol = o.tol;
  const counts = new Float64Array(R * K * K);
  const outcome = runConfusionEm(labels, {
    start: { prior: new Float64Array(K).fill(1 / K), confusion: diagonalConfusion(R, K, 0.7) },
    mStep: (posteriors) => {
      confusionCounts(labels, posteriors, counts);
      const confusion = new Float64Array(R * K * K);
      for (let r = 0; r < R; r++) {
        let hitAll = 0;
        let massAll = 0;
        const accuracy = new Float64Array(K);
        for (let k = 0; k < K; k++) {
          let mass = 0;
          for (let l = 0; l < K; l++) mass += counts[(r * K + k) * K + l] as number;
          const hit = counts[(r * K + k) * K + k] as number;
          accuracy[k] = mass > 0 ? hit / mass : 0.7;
          hitAll += hit;
          massAll += mass;
        }
        if (variant === 'oneCoin') accuracy.fill(massAll > 0 ? hitAll / massAll : 0.7);
        for (let k = 0; k < K; k++) {
          const a = clampProbability(accuracy[k] as number);
          for (let l = 0; l < K; l++) confusion[(r * K + k) * K + l] = k === l ? a : (1 - a) / (K - 1);
        }
      }
      return { prior: meanPosterior(labels, posteriors), confusion };
    },
    maxIterations: o.maxIterations,
    converged: (_next, _previous, _posteriors, ll) => {
      if (ll.length < 2) return false;
      const a = ll[ll.length - 1] as number;
      const b = ll[ll.length - 2] as number;
      return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300) < tol;
    },
  });
  return confusionModelResult('hds', labels, outcome, options);
}
