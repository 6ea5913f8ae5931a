import type { MethodEntry, PairwiseComparisons } from '@crowdlearn/core-matrix';

/** What a pairwise aggregator returns. */
export interface PairwiseResult {
  /** Name of the method that produced this. */
  method: string;
  /** One score per item (higher is better); see the method for its scale. */
  scores: Float64Array;
  /** Per worker, the method's reliability estimate, where it has one. */
  skills?: Float64Array;
  /** Per worker, the probability of choosing the left item when not judging on merit, where the method has one. */
  biases?: Float64Array;
  /** Iterations run. */
  iterations: number;
  /** Whether the stopping rule was met before the iteration limit. */
  converged: boolean;
}

/** What a pairwise aggregator runs on. */
export interface PairwiseInput {
  /** The crowd's comparisons. */
  comparisons: PairwiseComparisons;
}

/** A pairwise aggregator in the catalogue (family `'pairwise'`). */
export type PairwiseEntry = MethodEntry<PairwiseInput, PairwiseResult>;
