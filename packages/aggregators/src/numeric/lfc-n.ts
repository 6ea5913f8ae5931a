import { requireNumericLabels, resolveOptions, type NumericLabels, type OptionTable } from '@crowdlearn/core-matrix';
import { itemMeans, weightedMeans } from './item-statistics.js';
import { numericTruthDiscovery, workerDistances } from './numeric-truth-discovery.js';
import type { NumericAggregationResult } from './numeric-result.js';

/** Options of {@link lfcN}. */
export interface LfcNOptions {
  /** The most rounds. Default 50 (the framework's). */
  maxIterations?: number;
  /** Stop when the estimates' squared changes sum to at most this. Default 1e-6 (the framework's). */
  tol?: number;
}

/** {@link lfcN}'s options: defaults and ranges. */
export const LFC_N_OPTIONS = {
  maxIterations: { kind: 'integer', min: 1, default: 50, description: 'the most rounds' },
  tol: { kind: 'number', min: 0, default: 1e-6, description: "stop when the estimates' squared changes sum to at most this" },
} as const satisfies OptionTable;

/**
 * LFC_N, learning from crowds for continuous answers (Raykar et al. 2010):
 * every worker answers the truth plus Gaussian noise of their own precision
 * λ_j; EM alternates λ_j = 1 / mean squared distance of their answers to
 * the estimates (+1e-9) and estimates = the λ-weighted means, from the plain
 * means, as the truth-inference framework of Zheng et al. runs it (50
 * rounds, stop at a squared change of 1e-6). `skills` are the precisions.
 *
 * Cite: V. C. Raykar et al., "Learning from crowds", JMLR 11, 2010.
 */
export function lfcN(labels: NumericLabels, options: LfcNOptions = {}): NumericAggregationResult {
  const numeric = requireNumericLabels('lfc-n', labels);
  const o = resolveOptions('lfc-n', LFC_N_OPTIONS, options);
  return numericTruthDiscovery(
    'lfc-n',
    numeric,
    itemMeans(numeric),
    (estimates) => {
      const { sums, counts } = workerDistances(numeric, estimates, (x, t) => (x - t) ** 2);
      return Float64Array.from(sums, (s, r) => ((counts[r] as number) > 0 ? 1 / (s / (counts[r] as number) + 1e-9) : 0));
    },
    (weights) => weightedMeans(numeric, weights),
    o.maxIterations,
    o.tol,
  );
}
