import type { CrowdLabels } from '../crowd-labels.js';

/** A list of (item, worker) cells. */
export interface CellList {
  /** Item of each cell. */
  item: Int32Array;
  /** Worker of each cell. */
  worker: Int32Array;
}

/**
 * The empty cells of a label matrix, the cells a completion or a
 * self-training method may fill: every (item, worker) without a label, over
 * all items (also those nobody labelled) and, unless `includeUnseenWorkers`,
 * only the workers with at least one label. Item-major order.
 */
export function emptyCells(labels: CrowdLabels, includeUnseenWorkers = false): CellList {
  const R = labels.numWorkers;
  const workers = Int32Array.from({ length: R }, (_, r) => r).filter((r) => includeUnseenWorkers || labels.workerDegree(r) > 0);
  const filled = new Uint8Array(R);
  const item: number[] = [];
  const worker: number[] = [];
  for (let i = 0; i < labels.numItems; i++) {
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) filled[labels.worker[e] as number] = 1;
    for (const r of workers) {
      if (filled[r] === 1) continue;
      item.push(i);
      worker.push(r);
    }
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) filled[labels.worker[e] as number] = 0;
  }
  return { item: Int32Array.from(item), worker: Int32Array.from(worker) };
}
