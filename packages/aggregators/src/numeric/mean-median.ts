import { requireNumericLabels, type NumericLabels } from '@crowdlearn/core-matrix';
import { itemMeans, itemMedians } from './item-statistics.js';
import type { NumericAggregationResult } from './numeric-result.js';

/** Each item's estimate is the mean of its answers (the framework's Mean). */
export function numericMean(labels: NumericLabels): NumericAggregationResult {
  return { method: 'mean', values: itemMeans(requireNumericLabels('mean', labels)) };
}

/** Each item's estimate is the median of its answers, the mean of the middle two for an even count (the framework's Median). */
export function numericMedian(labels: NumericLabels): NumericAggregationResult {
  return { method: 'median', values: itemMedians(requireNumericLabels('median', labels)) };
}
