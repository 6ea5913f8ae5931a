import type { CrowdLabels } from '../crowd-labels.js';

/** A list of (item, worker) cells. */
export interface CellList {
  /** Item of each cell. */
  item: Int32Array;
  /** Worker of each cell. */
  worker: Int32Array;
}

/** Which workers' empty cells {@link emptyCells} lists. */
export interface EmptyCellOptions {
  /** Also the workers without any label (a model of them is untrained). Default false. */
  includeUnseenWorkers?: boolean;
  /** Only the workers with more than this many labels (MMLC's density study). Default 0. */
  threshold?: number;
}

/**
 * The empty cells of a label matrix, the cells a completion or a
 * self-training method may fill: every (item, worker) without a label, over
 * all items (also those nobody labelled), for the workers with more than
 * `threshold` labels (and, with `includeUnseenWorkers`, those with none).
 * Item-major order.
 */
export function emptyCells(labels: CrowdLabels, options: EmptyCellOptions = {}): CellList {
  const R = labels.numWorkers;
  const threshold = options.threshold ?? 0;
  const unseen = options.includeUnseenWorkers === true;
  const workers = Int32Array.from({ length: R }, (_, r) => r).filter((r) => labels.workerDegree(r) > threshold || (unseen && labels.workerDegree(r) === 0));
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
