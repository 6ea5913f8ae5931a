import { CrowdError, standardize, type CrowdLabels, type Features } from '@crowdlearn/core-matrix';

/** Z-scored features as float64 rows, after checking they line up with the items. */
export function standardizedRows(labels: CrowdLabels, features: Features, method: string): Float64Array {
  if (features.numRows !== labels.numItems) {
    throw new CrowdError('FEATURES_MISALIGNED', `${method} needs one feature row per item`, {
      expected: `${labels.numItems} rows`,
      found: `${features.numRows} rows`,
    });
  }
  return Float64Array.from(standardize(features).features.data);
}
