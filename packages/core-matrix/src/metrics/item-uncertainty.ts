import type { CrowdLabels } from '../crowd-labels.js';
import { entropy } from '../stats/entropy.js';

/**
 * The uncertainty of each item's crowd labels: the entropy (natural log) of
 * the distribution of its labels over the classes, as crowd-kit's
 * `uncertainty` computes it per task. 0 when all of an item's labels agree;
 * log(K) at most. NaN for an item without labels.
 *
 * With `skills` (one accuracy in [0, 1] per worker, crowd-kit's
 * `workers_skills`), each label counts as `skill` for its class and
 * `(1 - skill)/(K - 1)` for every other class before the distribution is
 * normalised.
 */
export function itemUncertainty(labels: CrowdLabels, skills?: ArrayLike<number>): Float64Array {
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
    let total = 0;
    for (let e = start; e < start + m; e++) {
      const skill = skills === undefined ? 1 : (skills[labels.worker[e] as number] as number);
      const other = K > 1 ? (1 - skill) / (K - 1) : 0;
      for (let k = 0; k < K; k++) share[k]! += k === label[e] ? skill : other;
      total += skill + (K - 1) * other;
    }
    for (let k = 0; k < K; k++) share[k]! /= total;
    out[i] = entropy(share);
  }
  return out;
}
