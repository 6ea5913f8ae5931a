import { CrowdError } from '../errors.js';
import type { GoldLabels } from '../gold-labels.js';

/** Throws SHAPE_MISMATCH unless there is one prediction per item of `gold`. */
export function checkPredictions(predicted: ArrayLike<number>, gold: GoldLabels): void {
  if (predicted.length !== gold.numItems) {
    throw new CrowdError('SHAPE_MISMATCH', 'one prediction per item is needed', {
      expected: `${gold.numItems} predictions`,
      found: String(predicted.length),
    });
  }
}
