import type { GoldLabels } from '../gold-labels.js';
import { checkPredictions } from './check-predictions.js';

/**
 * Fraction of gold items whose predicted class equals gold (the
 * truth-inference accuracy of the specs). `NaN` when no item has gold.
 * @param predicted - one class per item (length N).
 */
export function accuracy(predicted: ArrayLike<number>, gold: GoldLabels): number {
  checkPredictions(predicted, gold);
  if (gold.size === 0) return Number.NaN;
  let hit = 0;
  for (let j = 0; j < gold.size; j++) if (predicted[gold.items[j] as number] === gold.labels[j]) hit++;
  return hit / gold.size;
}
