import type { CrowdLabels } from '../crowd-labels.js';
import { portableExp, portableLog } from '../portable-math.js';

/** What {@link consistency} returns. */
export interface Consistency {
  /** Per item, the posterior probability of its aggregated label (NaN for an item without labels). */
  perItem: Float64Array;
  /** The mean over the items with labels. */
  mean: number;
}

/**
 * Consistency, crowd-kit's `consistency`: how probable each item's
 * aggregated label is given its labels, under the one-coin worker model with
 * the workers' `skills` (probability of a right label, in [0, 1]; a wrong
 * label is spread evenly over the other K - 1 classes) and a uniform prior.
 * High when the aggregate is what the worker model itself would conclude.
 * Computed in log space, so long label lists do not underflow (crowd-kit
 * multiplies probabilities, and scores an underflowed item 0).
 */
export function consistency(labels: CrowdLabels, aggregated: ArrayLike<number>, skills: ArrayLike<number>): Consistency {
  const K = labels.numClasses;
  const N = labels.numItems;
  const logScore = new Float64Array(K);
  const perItem = new Float64Array(N);
  let sum = 0;
  let counted = 0;
  for (let i = 0; i < N; i++) {
    const start = labels.itemOffsets[i] as number;
    const end = labels.itemOffsets[i + 1] as number;
    if (end === start) {
      perItem[i] = Number.NaN;
      continue;
    }
    logScore.fill(0);
    for (let e = start; e < end; e++) {
      const skill = skills[labels.worker[e] as number] as number;
      const right = portableLog(skill);
      const wrong = K > 1 ? portableLog((1 - skill) / (K - 1)) : -Infinity;
      for (let k = 0; k < K; k++) logScore[k]! += k === labels.label[e] ? right : wrong;
    }
    let top = -Infinity;
    for (let k = 0; k < K; k++) top = Math.max(top, logScore[k] as number);
    let total = 0;
    for (let k = 0; k < K; k++) total += top === -Infinity ? 0 : portableExp((logScore[k] as number) - top);
    const a = aggregated[i] as number;
    perItem[i] = total === 0 ? 0 : portableExp((logScore[a] as number) - top) / total;
    sum += perItem[i] as number;
    counted++;
  }
  return { perItem, mean: counted === 0 ? Number.NaN : sum / counted };
}
