import { chiSquareQuantile, resolveOptions, type CrowdLabels, type OptionTable } from '@crowdlearn/core-matrix';
import { truthDiscovery } from '../internal/truth-discovery.js';
import type { CommonOptions, WorkerSkillResult } from '../types.js';

/** Options of {@link catd}. */
export interface CatdOptions extends CommonOptions {
  /** The significance level α of the confidence interval on each worker's error variance. Default 0.05 (the reference's). */
  alpha?: number;
  /** The most rounds of weights and votes. Default 100 (the reference's fixed count). */
  maxIterations?: number;
}

/** {@link catd}'s options: defaults and ranges. */
export const CATD_OPTIONS = {
  alpha: { kind: 'number', min: 0, max: 0.5, exclusiveMin: true, default: 0.05, description: "significance level of the confidence interval on a worker's error variance" },
  maxIterations: { kind: 'integer', min: 1, default: 100, description: 'the most rounds of weights and votes (stops early at a fixed point)' },
} as const satisfies OptionTable;

/**
 * CATD (confidence-aware truth discovery) for categorical labels: a worker's
 * weight is the upper end of a (1 - α) confidence interval on the precision
 * of their answers, w_s = χ²_{α/2}(n_s) / Σ d(answer, truth), so that a
 * worker with few labels (the long tail) is trusted less than one who was
 * as often right on many; the truth is the weighted vote; repeat from
 * majority vote.
 *
 * As the truth-inference framework of Zheng et al. (VLDB 2017) runs it: 0/1
 * distance, α = 0.05, 100 rounds, 1e-9 added to the distance sum, weights
 * normalised to sum 1. The χ² quantile here is exact; the reference reads a
 * 2-decimal table up to 30 labels and Fisher's approximation beyond.
 *
 * Cite: Q. Li, Y. Li, J. Gao, L. Su, B. Zhao, M. Demirbas, W. Fan, J. Han,
 * "A confidence-aware approach for truth discovery on long-tail data",
 * PVLDB 8(4), 2014.
 */
export function catd(labels: CrowdLabels, options: CatdOptions = {}): WorkerSkillResult {
  const o = resolveOptions('catd', CATD_OPTIONS, options);
  const chi = new Map<number, number>();
  return truthDiscovery(
    'catd',
    labels,
    (disagreements, counts) => {
      const w = new Float64Array(counts.length);
      let sum = 0;
      for (let r = 0; r < counts.length; r++) {
        const n = counts[r] as number;
        if (n === 0) continue;
        const q = chi.get(n) ?? chiSquareQuantile(o.alpha / 2, n);
        chi.set(n, q);
        w[r] = q / ((disagreements[r] as number) + 1e-9);
        sum += w[r] as number;
      }
      for (let r = 0; r < w.length; r++) w[r] = sum > 0 ? (w[r] as number) / sum : 0;
      return w;
    },
    o.maxIterations,
    options,
  );
}
