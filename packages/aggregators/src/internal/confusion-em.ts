import type { CrowdLabels } from '@crowdlearn/core-matrix';
import type { CommonOptions, ConfusionModelResult } from '../types.js';
import { RowArgmax, portableLog } from '@crowdlearn/core-matrix';
import { EPS } from './clamp.js';
import { logInto } from './confusion-counts.js';
import { confusionEStep } from './confusion-e-step.js';
import { fillEmptyItems } from './empty-items.js';

/** Parameters of a confusion-matrix model. */
export interface ConfusionParams {
  /** Class prior (K). */
  prior: Float64Array;
  /** Confusion matrices (R x K x K, `[r][k][l]`). */
  confusion: Float64Array;
}

/** What the EM driver needs to know about one method of the DS family. */
export interface ConfusionEmPlan {
  /** Either initial posteriors (the loop starts with an M-step) or initial parameters (it starts with an E-step). */
  start: { posteriors: Float64Array } | ConfusionParams;
  /** The method's M-step. */
  mStep(posteriors: Float64Array): ConfusionParams;
  /** Optional change to the posteriors right after each E-step (FDS hardens them). */
  afterEStep?(posteriors: Float64Array): void;
  /** Iteration limit. */
  maxIterations: number;
  /**
   * Stopping rule, called after each iteration's M-step with the new and
   * previous parameters and the log-likelihood history; true stops.
   */
  converged(next: ConfusionParams, previous: ConfusionParams, posteriors: Float64Array, logLikelihoods: number[]): boolean;
}

/** The fitted model and the loop's record. */
export interface ConfusionEmOutcome extends ConfusionParams {
  posteriors: Float64Array;
  iterations: number;
  converged: boolean;
  /** Marginal log-likelihood at each E-step. */
  logLikelihoods: number[];
}

/**
 * The EM loop shared by DS, one-coin DS, ZenCrowd, HDS and FDS: E-step (log
 * space), optional hardening, M-step, stopping rule. Empty items get the
 * prior as posterior at the end.
 */
export function runConfusionEm(labels: CrowdLabels, plan: ConfusionEmPlan): ConfusionEmOutcome {
  const K = labels.numClasses;
  let posteriors: Float64Array;
  let params: ConfusionParams;
  if ('posteriors' in plan.start) {
    posteriors = plan.start.posteriors;
    params = plan.mStep(posteriors);
  } else {
    posteriors = new Float64Array(labels.numItems * K);
    params = plan.start;
  }
  const logPrior = new Float64Array(K);
  const logConfusion = new Float64Array(params.confusion.length);
  const logLikelihoods: number[] = [];
  let iterations = 0;
  let converged = false;
  while (iterations < plan.maxIterations) {
    iterations++;
    for (let k = 0; k < K; k++) logPrior[k] = portableLog(Math.max(params.prior[k] as number, EPS));
    logInto(params.confusion, logConfusion);
    logLikelihoods.push(confusionEStep(labels, logPrior, logConfusion, posteriors));
    plan.afterEStep?.(posteriors);
    const next = plan.mStep(posteriors);
    const stop = plan.converged(next, params, posteriors, logLikelihoods);
    params = next;
    if (stop) {
      converged = true;
      break;
    }
  }
  fillEmptyItems(labels, params.prior, posteriors);
  return { ...params, posteriors, iterations, converged, logLikelihoods };
}

/** The public result of a DS-family method: labels by `tieBreak`, and the outcome's model and record. */
export function confusionModelResult(
  method: string,
  labels: CrowdLabels,
  outcome: ConfusionEmOutcome,
  options: CommonOptions,
): ConfusionModelResult {
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return {
    method,
    labels: argmax.rows(outcome.posteriors, labels.numItems, labels.numClasses),
    posteriors: outcome.posteriors,
    prior: outcome.prior,
    confusion: outcome.confusion,
    iterations: outcome.iterations,
    converged: outcome.converged,
    objective: outcome.logLikelihoods,
  };
}
