import type { CrowdLabels } from '../crowd-labels.js';

/** Number of labels each item received (length N). */
export function labelsPerItem(labels: CrowdLabels): Int32Array {
  const out = new Int32Array(labels.numItems);
  for (let i = 0; i < labels.numItems; i++) out[i] = labels.itemDegree(i);
  return out;
}

/** Number of labels each worker gave (length R). */
export function labelsPerWorker(labels: CrowdLabels): Int32Array {
  const out = new Int32Array(labels.numWorkers);
  for (let r = 0; r < labels.numWorkers; r++) out[r] = labels.workerDegree(r);
  return out;
}

/** Label matrix density `|Ω| / (N R)`; 0 for an empty shape. */
export function density(labels: CrowdLabels): number {
  const cells = labels.numItems * labels.numWorkers;
  return cells === 0 ? 0 : labels.numLabels / cells;
}

/** The missing proportion `1 - density`. */
export function missingProportion(labels: CrowdLabels): number {
  return 1 - density(labels);
}
