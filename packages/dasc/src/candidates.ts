import { entropy, type CrowdLabels, type Features } from '@crowdlearn/core-matrix';
import type { CrowdModel } from '@crowdlearn/neural';
import type { ScoredCandidates } from './selection.js';

const SCORE_CHUNK = 65_536;

/** A list of (item, worker) cells. */
export interface CellList {
  /** Item of each cell. */
  item: Int32Array;
  /** Worker of each cell. */
  worker: Int32Array;
}

/**
 * The empty cells of a label matrix that may receive a pseudo-annotation:
 * every (item, worker) without a label, over all items (also those nobody
 * labelled) and, unless `includeUnseenWorkers`, only the workers with at
 * least one label. Item-major order.
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

/**
 * Scores cells with a trained model: the worker's predicted annotation
 * distribution on the item gives the pseudo-label (argmax, lowest class on
 * ties) and its entropy (Eq. 2).
 */
export function scoreCells(model: CrowdModel, features: Features, cells: CellList): ScoredCandidates {
  const n = cells.item.length;
  const K = model.numClasses;
  const label = new Int32Array(n);
  const h = new Float64Array(n);
  for (let start = 0; start < n; start += SCORE_CHUNK) {
    const end = Math.min(n, start + SCORE_CHUNK);
    const p = model.workerProba(features, cells.item.subarray(start, end), cells.worker.subarray(start, end));
    for (let c = start; c < end; c++) {
      const offset = (c - start) * K;
      let best = 0;
      for (let k = 1; k < K; k++) if ((p[offset + k] as number) > (p[offset + best] as number)) best = k;
      label[c] = best;
      h[c] = entropy(p, offset, K);
    }
  }
  return { item: cells.item, worker: cells.worker, label, entropy: h };
}
