import { CrowdLabels } from '../crowd-labels.js';
import { CrowdError } from '../errors.js';
import { Origin } from '../origin.js';

/** Completed cells to add: dense indices in the observed matrix's numbering. */
export interface CompletedCells {
  /** Item of each proposed cell. */
  item: Int32Array;
  /** Worker of each proposed cell. */
  worker: Int32Array;
  /** Proposed class of each cell. */
  label: Int32Array;
}

/** The merged matrix and what happened to the proposed cells. */
export interface MergeResult {
  /** The merged matrix (same shape and ids). */
  labels: CrowdLabels;
  /** Cells added with origin completed. */
  added: number;
  /** Proposed cells skipped because the matrix already had a label there (it is kept). */
  skipped: number;
}

/**
 * Adds completed labels to a matrix. Existing labels never change: a
 * proposed cell that is already labelled is skipped and counted. Every added
 * label has origin {@link Origin.Completed}. Two proposals for the same empty
 * cell are a DUPLICATE_LABEL error.
 */
export function mergeCompleted(observed: CrowdLabels, completed: CompletedCells): MergeResult {
  const n = completed.label.length;
  if (completed.item.length !== n || completed.worker.length !== n) {
    throw new CrowdError('SHAPE_MISMATCH', 'completed columns differ in length', {
      found: `${completed.item.length}, ${completed.worker.length}, ${n}`,
    });
  }
  const accept = new Uint8Array(n);
  let added = 0;
  for (let p = 0; p < n; p++) {
    const i = completed.item[p] as number;
    const r = completed.worker[p] as number;
    if (i < 0 || i >= observed.numItems || r < 0 || r >= observed.numWorkers) {
      throw new CrowdError('INDEX_OUT_OF_RANGE', `completed cell ${p} is outside the matrix`, {
        expected: `item < ${observed.numItems}, worker < ${observed.numWorkers}`,
        found: `(${i}, ${r})`,
      });
    }
    if (observed.findLabel(i, r) < 0) {
      accept[p] = 1;
      added++;
    }
  }
  const m = observed.numLabels + added;
  const item = new Int32Array(m);
  const worker = new Int32Array(m);
  const label = new Int32Array(m);
  const origin = new Uint8Array(m);
  item.set(observed.item);
  worker.set(observed.worker);
  label.set(observed.label);
  if (observed.origin !== null) origin.set(observed.origin);
  let q = observed.numLabels;
  for (let p = 0; p < n; p++) {
    if (accept[p] === 0) continue;
    item[q] = completed.item[p] as number;
    worker[q] = completed.worker[p] as number;
    label[q] = completed.label[p] as number;
    origin[q] = Origin.Completed;
    q++;
  }
  const labels = CrowdLabels.fromArrays(
    { item, worker, label, origin },
    {
      numItems: observed.numItems,
      numWorkers: observed.numWorkers,
      numClasses: observed.numClasses,
      itemIds: observed.items,
      workerIds: observed.workers,
      classIds: observed.classes,
      duplicatePolicy: 'error',
      source: 'mergeCompleted',
    },
  );
  return { labels, added, skipped: n - added };
}
