import { CrowdError, type CrowdLabels, type GoldLabels, resolveOptions, type OptionTable, portableLog } from '@crowdlearn/core-matrix';
import { EPS } from '../internal/clamp.js';
import { confusionCounts, usedLabels } from '../internal/confusion-counts.js';
import { confusionModelResult, runConfusionEm, type ConfusionParams } from '../internal/confusion-em.js';
import { diagonalConfusion } from '../internal/confusion-init.js';
import { meanPosterior } from '../internal/empty-items.js';
import type { CommonOptions, ConfusionModelResult } from '../types.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link dawidSkene}. */
export interface DawidSkeneOptions extends CommonOptions {
  /**
   * - `'crowdkit'` (default): T = soft MV, then an M-step; loop E then M; stop
   *   after 100 iterations or when crowd-kit's per-label ELBO gains less than
   *   `tol` (1e-5); a confusion entry with no mass is clipped at 1e-10 and the
   *   row renormalised over the labels the worker used.
   * - `'mmlc'` (reproduces MMLC Table 1): uniform prior, confusion 0.7 on the
   *   diagonal and 0.3/(K-1) off it; E first, then M; exactly 10 iterations;
   *   a row with zero posterior mass is reset to that default.
   */
  preset?: 'crowdkit' | 'mmlc';
  /** Iteration limit (default 100 for crowdkit, 10 for mmlc). */
  maxIterations?: number;
  /** Stopping tolerance on crowd-kit's ELBO per label (crowdkit preset). Default 1e-5. */
  tol?: number;
  /**
   * Items whose true class is known (crowd-kit's `fit(data, true_labels)`):
   * their posteriors are set to that class at the start and after every
   * E-step, so they teach the confusion matrices and are never relabelled.
   */
  trueLabels?: GoldLabels;
  /**
   * Worker error matrices from past work (crowd-kit's `initial_error`), R x
   * K x K in {@link ConfusionModelResult.confusion}'s layout:
   * `initialError[(r*K + k)*K + l]` for answer l when the truth is k. Used
   * by the first M-step only, as `initialErrorStrategy` says.
   */
  initialError?: ArrayLike<number>;
  /**
   * How `initialError` enters the first M-step (crowd-kit's
   * `initial_error_strategy`): `'addition'` (default) adds it, as counts, to
   * the counts the data gives (a worker's block of zeros adds nothing);
   * `'assign'` replaces them (counts, or probabilities whose rows sum to 1).
   */
  initialErrorStrategy?: 'assign' | 'addition';
}

/** {@link dawidSkene}'s options: defaults and ranges. */
export const DAWID_SKENE_OPTIONS = {
  preset: { kind: 'choice', choices: ['crowdkit', 'mmlc'], default: 'crowdkit', description: "crowd-kit's initialisation and stopping rule, or MMLC's fixed 10 iterations from a 0.7 diagonal" },
  maxIterations: { kind: 'integer', min: 0, defaultText: '100 (crowdkit), 10 (mmlc)', description: 'iteration limit' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-5, description: "stop when crowd-kit's ELBO per label gains less than this (crowdkit preset)" },
} as const satisfies OptionTable;

/**
 * Dawid-Skene (1979) truth inference by EM: one K x K confusion matrix per
 * worker and a class prior. `objective` holds the marginal log-likelihood at
 * each E-step (non-decreasing).
 *
 * Cite: A. P. Dawid, A. M. Skene, "Maximum likelihood estimation of observer
 * error-rates using the EM algorithm", Applied Statistics 28(1), 1979.
 */
export function dawidSkene(labels: CrowdLabels, options: DawidSkeneOptions = {}): ConfusionModelResult {
  const o = resolveOptions('ds', DAWID_SKENE_OPTIONS, options);
  const preset = o.preset;
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const used = usedLabels(labels);
  const counts = new Float64Array(R * K * K); // the last M-step's expected counts, reused by the stopping rule
  const clamp = options.trueLabels !== undefined ? clampToTrueLabels(labels, options.trueLabels) : undefined;
  // the first M-step takes the initial error matrices (crowd-kit applies them once, at the start)
  // initialError and its strategy are data given with the call, not catalogue options (no command-line flag)
  const strategy = options.initialErrorStrategy ?? 'addition';
  if (strategy !== 'addition' && strategy !== 'assign') throw new CrowdError('INVALID_ARGUMENT', 'ds: bad option initialErrorStrategy', { expected: 'addition or assign', found: JSON.stringify(strategy) });
  let initial = options.initialError !== undefined ? checkInitialError(options.initialError, strategy, R, K) : undefined;
  const mStep = (posteriors: Float64Array): ConfusionParams => {
    confusionCounts(labels, posteriors, counts);
    const confusion = counts.slice();
    let rowsUsed = used;
    if (initial !== undefined) {
      rowsUsed = applyInitialError(confusion, initial, strategy, used, R, K);
      initial = undefined;
    }
    if (preset === 'crowdkit') crowdkitNormalise(confusion, rowsUsed, R, K);
    else resetEmptyRows(confusion, R, K);
    return { prior: meanPosterior(labels, posteriors), confusion };
  };
  const elboTol = o.tol;
  let previousElbo = -Infinity;
  const outcome = runConfusionEm(labels, {
    start:
      preset === 'crowdkit'
        ? { posteriors: clampedStart(voteScores(labels, undefined, undefined, { tieBreak: 'lowest' }).posteriors, clamp) }
        : { prior: new Float64Array(K).fill(1 / K), confusion: diagonalConfusion(R, K, 0.7) },
    mStep,
    ...(clamp !== undefined ? { afterEStep: clamp } : {}),
    maxIterations: o.maxIterations ?? (preset === 'mmlc' ? 10 : 100),
    converged: (next, _previous, posteriors) => {
      if (preset === 'mmlc') return false;
      const elbo = crowdkitElbo(labels, posteriors, next, counts) / Math.max(1, labels.numLabels);
      const stop = elbo - previousElbo < elboTol;
      previousElbo = elbo;
      return stop;
    },
  });
  const result = confusionModelResult('ds', labels, outcome, options);
  // the mmlc preset runs a fixed number of iterations: there is no stopping rule to meet
  if (preset === 'mmlc') delete result.converged;
  return result;
}

/** A function that sets the posteriors of the items with a true label to that label (one-hot). */
function clampToTrueLabels(labels: CrowdLabels, trueLabels: GoldLabels): (posteriors: Float64Array) => void {
  const K = labels.numClasses;
  if (trueLabels.numItems !== labels.numItems || trueLabels.numClasses !== K) {
    throw new CrowdError('SHAPE_MISMATCH', 'trueLabels are for another label matrix', { expected: `${labels.numItems} items and ${K} classes`, found: `${trueLabels.numItems} items and ${trueLabels.numClasses} classes` });
  }
  const { items, labels: classes } = trueLabels;
  return (posteriors) => {
    for (let j = 0; j < items.length; j++) {
      const row = (items[j] as number) * K;
      posteriors.fill(0, row, row + K);
      posteriors[row + (classes[j] as number)] = 1;
    }
  };
}

/** The start posteriors, clamped to the true labels where there are some. */
function clampedStart(posteriors: Float64Array, clamp: ((p: Float64Array) => void) | undefined): Float64Array {
  clamp?.(posteriors);
  return posteriors;
}

/**
 * `initialError` as a Float64Array, checked: R x K x K finite non-negative
 * numbers; for `'assign'`, a probability matrix (every entry at most 1) must
 * have rows summing to 1, as crowd-kit requires.
 */
function checkInitialError(initial: ArrayLike<number>, strategy: 'assign' | 'addition', R: number, K: number): Float64Array {
  if (initial.length !== R * K * K) throw new CrowdError('SHAPE_MISMATCH', 'initialError has the wrong length', { expected: `R x K x K = ${R * K * K}`, found: String(initial.length) });
  const out = Float64Array.from(initial);
  for (let j = 0; j < out.length; j++) {
    if (!(out[j]! >= 0) || !Number.isFinite(out[j]!)) throw new CrowdError('INVALID_ARGUMENT', `initialError[${j}] is not a finite non-negative number`, { found: String(out[j]) });
  }
  if (strategy === 'assign' && out.every((v) => v <= 1)) {
    for (let row = 0; row < R * K; row++) {
      let sum = 0;
      for (let l = 0; l < K; l++) sum += out[row * K + l] as number;
      if (Math.abs(sum - 1) > 1e-8) {
        throw new CrowdError('INVALID_ARGUMENT', `initialError: worker ${Math.floor(row / K)}'s row for true class ${row % K} sums to ${sum}, not 1`, { expected: "probabilities whose rows sum to 1, or counts, with initialErrorStrategy 'assign'" });
      }
    }
  }
  return out;
}

/**
 * Applies the initial error matrices to the first M-step's counts (in
 * place) and returns which (worker, answer) entries the normalisation keeps:
 * the answers each worker used, and for a worker the initial matrices speak
 * about, every answer (crowd-kit's error table then has a row for each).
 */
function applyInitialError(counts: Float64Array, initial: Float64Array, strategy: 'assign' | 'addition', used: Uint8Array, R: number, K: number): Uint8Array {
  const kept = used.slice();
  for (let r = 0; r < R; r++) {
    const block = r * K * K;
    let given = strategy === 'assign';
    for (let j = 0; j < K * K && !given; j++) if ((initial[block + j] as number) !== 0) given = true;
    if (!given) continue;
    for (let j = 0; j < K * K; j++) counts[block + j] = strategy === 'assign' ? (initial[block + j] as number) : (counts[block + j] as number) + (initial[block + j] as number);
    kept.fill(1, r * K, r * K + K);
  }
  return kept;
}

/** crowd-kit's M-step normalisation: clip entries of used labels at EPS, then normalise over the used labels. */
function crowdkitNormalise(counts: Float64Array, used: Uint8Array, R: number, K: number): void {
  for (let r = 0; r < R; r++) {
    for (let k = 0; k < K; k++) {
      const row = (r * K + k) * K;
      let sum = 0;
      for (let l = 0; l < K; l++) {
        if (used[r * K + l] === 1) {
          if ((counts[row + l] as number) < EPS) counts[row + l] = EPS;
          sum += counts[row + l] as number;
        } else {
          counts[row + l] = 0;
        }
      }
      for (let l = 0; l < K; l++) counts[row + l] = sum > 0 ? (counts[row + l] as number) / sum : 0;
    }
  }
}

/** Normalises each row; a row with zero posterior mass is reset to the MMLC default (0.7 / 0.3/(K-1)). */
export function resetEmptyRows(counts: Float64Array, R: number, K: number): void {
  for (let r = 0; r < R; r++) {
    for (let k = 0; k < K; k++) {
      const row = (r * K + k) * K;
      let sum = 0;
      for (let l = 0; l < K; l++) sum += counts[row + l] as number;
      for (let l = 0; l < K; l++) {
        counts[row + l] = sum > 0 ? Math.max((counts[row + l] as number) / sum, EPS) : k === l ? 0.7 : 0.3 / (K - 1);
      }
    }
  }
}

/**
 * crowd-kit's stopping objective: Σ_labels Σ_k T_ik (log e_r[k][l] + log ρ_k)
 * + Σ_i H(T_i), with T clipped at EPS inside the entropy. The prior is counted
 * once per label, as crowd-kit does: it is a stopping rule, not the likelihood.
 *
 * Computed without a pass over the labels: the first sum is
 * Σ_{r,k,l} counts[r][k][l] log e_r[k][l] with the M-step's expected counts
 * (recomputed when not given), and the prior term is Σ_i deg_i Σ_k T_ik log ρ_k.
 */
export function crowdkitElbo(
  labels: CrowdLabels,
  posteriors: Float64Array,
  params: ConfusionParams,
  counts?: Float64Array,
): number {
  const K = labels.numClasses;
  const { prior, confusion } = params;
  let expected = counts;
  if (expected === undefined) {
    expected = new Float64Array(confusion.length);
    confusionCounts(labels, posteriors, expected);
  }
  let total = 0;
  for (let j = 0; j < expected.length; j++) {
    const c = expected[j] as number;
    if (c > 0) total += c * portableLog(confusion[j] as number);
  }
  const logPrior = Float64Array.from(prior, (p) => portableLog(Math.max(p, EPS)));
  for (let i = 0; i < labels.numItems; i++) {
    const degree = labels.itemDegree(i);
    if (degree === 0) continue;
    for (let k = 0; k < K; k++) {
      const t = posteriors[i * K + k] as number;
      total += degree * t * (logPrior[k] as number) - t * portableLog(Math.max(t, EPS));
    }
  }
  return total;
}
