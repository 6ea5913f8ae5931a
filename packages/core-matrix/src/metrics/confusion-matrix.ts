import type { GoldLabels } from '../gold-labels.js';
import { checkPredictions } from './check-predictions.js';

/** A K x K count matrix: `counts[g * K + p]` items of gold class g predicted as p. */
export interface ConfusionMatrix {
  /** K. */
  numClasses: number;
  /** Row-major, rows are gold classes and columns predictions. */
  counts: Int32Array;
}

/** The confusion matrix of predictions against gold, over the gold items. */
export function confusionMatrix(predicted: ArrayLike<number>, gold: GoldLabels): ConfusionMatrix {
  checkPredictions(predicted, gold);
  const K = gold.numClasses;
  const counts = new Int32Array(K * K);
  for (let j = 0; j < gold.size; j++) {
    const p = predicted[gold.items[j] as number] as number;
    if (p >= 0 && p < K) counts[(gold.labels[j] as number) * K + p]!++;
  }
  return { numClasses: K, counts };
}
