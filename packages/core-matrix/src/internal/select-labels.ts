import { CrowdLabels } from '../crowd-labels.js';

/**
 * A matrix of the same shape and ids holding only the labels at `keep`
 * (ascending label indices, so canonical order is preserved and no sort runs).
 */
export function selectLabels(labels: CrowdLabels, keep: Int32Array): CrowdLabels {
  const m = keep.length;
  const item = new Int32Array(m);
  const worker = new Int32Array(m);
  const label = new Int32Array(m);
  const origin = labels.origin === null ? undefined : new Uint8Array(m);
  for (let p = 0; p < m; p++) {
    const e = keep[p] as number;
    item[p] = labels.item[e] as number;
    worker[p] = labels.worker[e] as number;
    label[p] = labels.label[e] as number;
    if (origin !== undefined) origin[p] = (labels.origin as Uint8Array)[e] as number;
  }
  return CrowdLabels.fromArrays(
    { item, worker, label, ...(origin !== undefined ? { origin } : {}) },
    {
      numItems: labels.numItems,
      numWorkers: labels.numWorkers,
      numClasses: labels.numClasses,
      itemIds: labels.items,
      workerIds: labels.workers,
      classIds: labels.classes,
    },
  );
}

/** The label indices whose flag is set, ascending. */
export function flaggedIndices(flags: Uint8Array): Int32Array {
  let m = 0;
  for (let e = 0; e < flags.length; e++) if (flags[e] !== 0) m++;
  const out = new Int32Array(m);
  let p = 0;
  for (let e = 0; e < flags.length; e++) if (flags[e] !== 0) out[p++] = e;
  return out;
}
