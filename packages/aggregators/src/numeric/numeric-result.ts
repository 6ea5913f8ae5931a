import type { MethodEntry, NumericLabels } from '@crowdlearn/core-matrix';

/** What a numeric aggregator returns. */
export interface NumericAggregationResult {
  /** Name of the method that produced this. */
  method: string;
  /** The estimate of every item (NaN for an item without answers). */
  values: Float64Array;
  /** One weight per worker (the method's quality estimate), where the method has one. */
  skills?: Float64Array;
  /** Rounds run, for iterative methods. */
  iterations?: number;
  /** Whether the stopping rule was met before the iteration limit. */
  converged?: boolean;
}

/** What a numeric aggregator runs on. */
export interface NumericAggregationInput {
  /** The crowd's numeric answers. */
  labels: NumericLabels;
}

/** A numeric aggregator in the catalogue (family `'numeric'`). */
export type NumericAggregatorEntry = MethodEntry<NumericAggregationInput, NumericAggregationResult>;
