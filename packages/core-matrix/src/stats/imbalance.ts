import type { CrowdLabels } from '../crowd-labels.js';
import type { GoldLabels } from '../gold-labels.js';
import { annotationClassCounts, goldClassCounts, type OriginFilter } from './class-distribution.js';

/**
 * The imbalance ratio `max_k n_k / min_k n_k` of class counts (the DASC
 * paper's R). `Infinity` when some class has no count; `NaN` for no classes.
 */
export function imbalanceRatio(counts: ArrayLike<number>): number {
  if (counts.length === 0) return Number.NaN;
  let max = -Infinity;
  let min = Infinity;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k] as number;
    if (c > max) max = c;
    if (c < min) min = c;
  }
  if (max === 0) return Number.NaN;
  return min === 0 ? Infinity : max / min;
}

/** DASC's R over annotations (observed plus completed unless `origin` says otherwise). */
export function annotationImbalanceRatio(labels: CrowdLabels, origin: OriginFilter = 'all'): number {
  return imbalanceRatio(annotationClassCounts(labels, origin));
}

/** DASC's R_g over gold labels. */
export function goldImbalanceRatio(gold: GoldLabels): number {
  return imbalanceRatio(goldClassCounts(gold));
}
