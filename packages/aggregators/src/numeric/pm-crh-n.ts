import { portableLog, requireNumericLabels, resolveOptions, type NumericLabels, type OptionTable } from '@crowdlearn/core-matrix';
import { itemMeans, itemMedians, itemStandardDeviations, weightedMedians } from './item-statistics.js';
import { numericTruthDiscovery, workerDistances } from './numeric-truth-discovery.js';
import type { NumericAggregationResult } from './numeric-result.js';

/** Options of {@link pmCrhN}. */
export interface PmCrhNOptions {
  /** The most rounds. Default 10 (the framework's fixed count). */
  maxIterations?: number;
}

/** {@link pmCrhN}'s options: defaults and ranges. */
export const PM_CRH_N_OPTIONS = {
  maxIterations: { kind: 'integer', min: 1, default: 10, description: 'the most rounds' },
} as const satisfies OptionTable;

/**
 * PM / CRH for continuous answers with the normalised absolute loss: a
 * worker's distance is Σ |answer - estimate| / sd(item's answers), the
 * weight w_s = -log(d_s / max_t d_t + 1e-7) + 1e-7, and each estimate the
 * w-weighted median of the item's answers; from the medians, 10 rounds, as
 * the truth-inference framework runs it (an item whose answers all agree
 * has sd 0 and contributes no distance).
 *
 * Cite: Q. Li et al., "Resolving conflicts in heterogeneous data by truth
 * discovery and source reliability estimation", SIGMOD 2014.
 */
export function pmCrhN(labels: NumericLabels, options: PmCrhNOptions = {}): NumericAggregationResult {
  const numeric = requireNumericLabels('pm-crh-n', labels);
  const o = resolveOptions('pm-crh-n', PM_CRH_N_OPTIONS, options);
  const sd = itemStandardDeviations(numeric, itemMeans(numeric));
  return numericTruthDiscovery(
    'pm-crh-n',
    numeric,
    itemMedians(numeric),
    (estimates) => {
      const { sums, counts } = workerDistances(numeric, estimates, (x, t, i) => (x === t || !((sd[i] as number) > 0) ? 0 : Math.abs(t - x) / (sd[i] as number)));
      const d = sums.map((s) => (s === 0 ? 1e-8 : s));
      let top = 0;
      for (let r = 0; r < d.length; r++) if ((counts[r] as number) > 0) top = Math.max(top, d[r] as number);
      return Float64Array.from(d, (x, r) => ((counts[r] as number) > 0 && top > 0 ? -portableLog(x / top + 1e-7) + 1e-7 : 0));
    },
    (weights) => weightedMedians(numeric, weights),
    o.maxIterations,
    0,
  );
}
