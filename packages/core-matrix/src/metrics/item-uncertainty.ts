import type { CrowdLabels } from '../crowd-labels.js';
import { entropy } from '../stats/entropy.js';

/**
 * The uncertainty of each item's crowd labels: the entropy (natural log) of
 * the distribution of its labels over the classes, as crowd-kit's
 * `uncertainty` computes it per task. 0 when all of an item's labels agree;
 * log(K) at most. NaN for an item without labels.
 */
export function itemUncertainty(labels: CrowdLabels): Float64Array {
  const K = labels.numClasses;
  const out = new Float64Array(labels.numItems);
  const share = new Float64Array(K);
  const { itemOffsets, label } = labels;
  for (let i = 0; i < labels.numItems; i++) {
    const start = itemOffsets[i] as number;
    const m = (itemOffsets[i + 1] as number) - start;
    if (m === 0) {
      out[i] = Number.NaN;
      continue;
    }
    share.fill(0);
    for (let e = start; e < start + m; e++) share[label[e] as number]! += 1;
    for (let k = 0; k < K; k++) share[k]! /= m;
    out[i] = entropy(share);
  }
  return out;
}
