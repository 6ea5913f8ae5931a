import type { CrowdLabels } from '../crowd-labels.js';

/** What {@link accuracyOnAggregates} returns. */
export interface AccuracyOnAggregates {
  /** Per worker, the share of their labels equal to the aggregate of the item (NaN for a worker without labels). */
  perWorker: Float64Array;
  /** The share of all labels equal to their item's aggregate. */
  overall: number;
}

/**
 * Accuracy on aggregates, crowd-kit's `accuracy_on_aggregates`: how often
 * each worker's label equals the aggregated label of its item (`aggregated`,
 * one class per item, e.g. an aggregator's `labels`), and how often any label
 * does. With majority vote's labels these are the agreement skills Wawa and
 * crowd-kit's `consistency` use.
 */
export function accuracyOnAggregates(labels: CrowdLabels, aggregated: ArrayLike<number>): AccuracyOnAggregates {
  const R = labels.numWorkers;
  const hits = new Float64Array(R);
  const counts = new Float64Array(R);
  let total = 0;
  for (let e = 0; e < labels.numLabels; e++) {
    const r = labels.worker[e] as number;
    counts[r]!++;
    if (labels.label[e] === aggregated[labels.item[e] as number]) {
      hits[r]!++;
      total++;
    }
  }
  const perWorker = Float64Array.from(hits, (h, r) => (counts[r] === 0 ? Number.NaN : h / (counts[r] as number)));
  return { perWorker, overall: labels.numLabels === 0 ? Number.NaN : total / labels.numLabels };
}
