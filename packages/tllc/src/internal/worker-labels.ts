import type { CrowdLabels } from '@crowdlearn/core-matrix';

/** The items worker r labelled (ascending) and its label on each, from the matrix's worker view. */
export function workerLabels(labels: CrowdLabels, r: number): { items: Int32Array; classes: Int32Array } {
  const start = labels.workerOffsets[r] as number;
  const end = labels.workerOffsets[r + 1] as number;
  const items = new Int32Array(end - start);
  const classes = new Int32Array(end - start);
  for (let p = start; p < end; p++) {
    const e = labels.workerOrder[p] as number;
    items[p - start] = labels.item[e] as number;
    classes[p - start] = labels.label[e] as number;
  }
  return { items, classes };
}
