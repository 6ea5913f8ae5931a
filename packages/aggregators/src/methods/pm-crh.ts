import { portableLog, resolveOptions, type CrowdLabels, type OptionTable } from '@crowdlearn/core-matrix';
import { truthDiscovery } from '../internal/truth-discovery.js';
import type { CommonOptions, WorkerSkillResult } from '../types.js';

/** Options of {@link pmCrh}. */
export interface PmCrhOptions extends CommonOptions {
  /** The most rounds of weights and votes. Default 10 (the reference's fixed count). */
  maxIterations?: number;
}

/** {@link pmCrh}'s options: defaults and ranges. */
export const PM_CRH_OPTIONS = {
  maxIterations: { kind: 'integer', min: 1, default: 10, description: 'the most rounds of weights and votes (stops early at a fixed point)' },
} as const satisfies OptionTable;

/**
 * PM / CRH (conflict resolution on heterogeneous data) for categorical
 * labels: a worker's weight is minus the log of their share of the largest
 * total disagreement, w_s = -log(d_s / max_t d_t), so the worst worker
 * weighs (almost) nothing; the truth is the weighted vote; repeat from
 * majority vote.
 *
 * As the truth-inference framework of Zheng et al. (VLDB 2017) runs it: 0/1
 * loss, 10 rounds, a worker with no disagreement counted as 1e-8, 1e-7
 * added inside and outside the log; posteriors are the normalised weighted
 * votes and `skills` the weights normalised to sum 1.
 *
 * Cite: Q. Li, Y. Li, J. Gao, B. Zhao, W. Fan, J. Han, "Resolving conflicts
 * in heterogeneous data by truth discovery and source reliability
 * estimation", SIGMOD 2014.
 */
export function pmCrh(labels: CrowdLabels, options: PmCrhOptions = {}): WorkerSkillResult {
  const o = resolveOptions('pm-crh', PM_CRH_OPTIONS, options);
  return truthDiscovery(
    'pm-crh',
    labels,
    (disagreements, counts) => {
      const d = Float64Array.from(disagreements, (x) => (x === 0 ? 1e-8 : x));
      let top = 0;
      for (let r = 0; r < d.length; r++) if ((counts[r] as number) > 0) top = Math.max(top, d[r] as number);
      return Float64Array.from(d, (x, r) => ((counts[r] as number) > 0 && top > 0 ? -portableLog(x / top + 1e-7) + 1e-7 : 0));
    },
    o.maxIterations,
    options,
  );
}
