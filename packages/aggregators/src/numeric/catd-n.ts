import { chiSquareQuantile, requireNumericLabels, resolveOptions, type NumericLabels, type OptionTable } from '@crowdlearn/core-matrix';
import { itemMedians, weightedMeans } from './item-statistics.js';
import { numericTruthDiscovery, workerDistances } from './numeric-truth-discovery.js';
import type { NumericAggregationResult } from './numeric-result.js';

/** Options of {@link catdN}. */
export interface CatdNOptions {
  /** Significance level α of the confidence interval on each worker's error variance. Default 0.05. */
  alpha?: number;
  /** The most rounds. Default 100 (the framework's fixed count). */
  maxIterations?: number;
}

/** {@link catdN}'s options: defaults and ranges. */
export const CATD_N_OPTIONS = {
  alpha: { kind: 'number', min: 0, max: 0.5, exclusiveMin: true, default: 0.05, description: "significance level of the confidence interval on a worker's error variance" },
  maxIterations: { kind: 'integer', min: 1, default: 100, description: 'the most rounds' },
} as const satisfies OptionTable;

/**
 * CATD for continuous answers: w_s = χ²_{α/2}(n_s) / Σ (answer - estimate)²
 * (+1e-9), estimates = the w-weighted means of each item's answers, from the
 * medians; 100 rounds as the truth-inference framework runs it. The
 * framework sums w x over an item's answers without dividing by their
 * weights (its weights sum to 1 over all workers, not over the item's), so
 * its estimates shrink toward 0 on items with few answers; this follows the
 * paper's weighted mean.
 *
 * Cite: Q. Li et al., "A confidence-aware approach for truth discovery on
 * long-tail data", PVLDB 8(4), 2014.
 */
export function catdN(labels: NumericLabels, options: CatdNOptions = {}): NumericAggregationResult {
  const numeric = requireNumericLabels('catd-n', labels);
  const o = resolveOptions('catd-n', CATD_N_OPTIONS, options);
  const chi = new Map<number, number>();
  return numericTruthDiscovery(
    'catd-n',
    numeric,
    itemMedians(numeric),
    (estimates) => {
      const { sums, counts } = workerDistances(numeric, estimates, (x, t) => (x - t) ** 2);
      const w = Float64Array.from(sums, (s, r) => {
        const n = counts[r] as number;
        if (n === 0) return 0;
        const q = chi.get(n) ?? chiSquareQuantile(o.alpha / 2, n);
        chi.set(n, q);
        return q / (s + 1e-9);
      });
      const total = w.reduce((a, b) => a + b, 0);
      return w.map((x) => (total > 0 ? x / total : 0));
    },
    (weights) => weightedMeans(numeric, weights),
    o.maxIterations,
    0,
  );
}
