import { entropy, RowArgmax, type CellList, type Features } from '@crowdlearn/core-matrix';
import type { CrowdModel } from '@crowdlearn/neural';
import type { ScoredCandidates } from './selection.js';

const SCORE_CHUNK = 65_536;
const lowest = new RowArgmax('lowest', 0);

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
      label[c] = lowest.pick(p, offset, K);
      h[c] = entropy(p, offset, K);
    }
  }
  return { item: cells.item, worker: cells.worker, label, entropy: h };
}
