import type { Seed, TieBreak } from '@crowdlearn/core-matrix';

/** Options every aggregator takes. */
export interface CommonOptions {
  /** Tie rule for the final labels (and for empty items' prior argmax). Default `'random'`. */
  tieBreak?: TieBreak;
  /** Seed of every random choice (ties, restarts). Default 0. */
  seed?: Seed;
}

/** What every aggregator returns. */
export interface AggregationResult {
  /** Name of the method that produced this. */
  method: string;
  /** The inferred class of every item (length N). Items without labels get the prior's argmax. */
  labels: Int32Array;
  /** Posterior (or normalised score) over classes, row-major N x K; each row sums to 1. */
  posteriors: Float64Array;
  /** Number of iterations run, for iterative methods. */
  iterations?: number;
  /**
   * Whether the stopping rule was met before the iteration limit, for
   * iterative methods with a stopping rule (false when the limit stopped
   * them); absent for methods that always run a fixed number of iterations.
   */
  converged?: boolean;
  /**
   * The method's objective after each iteration, for iterative methods: the
   * marginal log-likelihood of the labels for EM methods (non-decreasing), or
   * the method's own objective where it has no likelihood (documented per method).
   */
  objective?: number[];
  /**
   * What a report of the run shows besides labels and posteriors, for the
   * methods that train a model: the settings they resolved (preset, epochs)
   * and what they recorded, as JSON values.
   */
  details?: Record<string, unknown>;
}

/** The result of a method whose worker model is a confusion matrix per worker. */
export interface ConfusionModelResult extends AggregationResult {
  /** Class prior (length K). */
  prior: Float64Array;
  /**
   * Worker confusion matrices, R x K x K row-major: `confusion[(r*K + k)*K + l]`
   * is the probability that worker r answers l when the truth is k.
   */
  confusion: Float64Array;
}

/** The result of a method whose worker model is one number per worker (skill, reliability, weight). */
export interface WorkerSkillResult extends AggregationResult {
  /** One value per worker (length R); see the method for its meaning. */
  skills: Float64Array;
}
