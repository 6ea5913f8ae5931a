import type { CrowdLabels } from '../crowd-labels.js';
import type { GoldLabels } from '../gold-labels.js';
import { Origin } from '../origin.js';

/** Which labels to count by origin. */
export type OriginFilter = 'all' | 'observed' | 'completed';

/** Number of annotations of each class (length K), optionally restricted by origin. */
export function annotationClassCounts(labels: CrowdLabels, origin: OriginFilter = 'all'): Int32Array {
  const counts = new Int32Array(labels.numClasses);
  for (let e = 0; e < labels.numLabels; e++) {
    if (origin !== 'all') {
      const isCompleted = labels.originOf(e) === Origin.Completed;
      if (isCompleted !== (origin === 'completed')) continue;
    }
    counts[labels.label[e] as number]!++;
  }
  return counts;
}

/** Number of gold-labelled items of each class (length K). */
export function goldClassCounts(gold: GoldLabels): Int32Array {
  const counts = new Int32Array(gold.numClasses);
  for (let j = 0; j < gold.size; j++) counts[gold.labels[j] as number]!++;
  return counts;
}
