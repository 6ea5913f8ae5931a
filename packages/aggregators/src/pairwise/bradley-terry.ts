import { resolveOptions, type OptionTable, type PairwiseComparisons } from '@crowdlearn/core-matrix';
import type { PairwiseResult } from './pairwise-result.js';

/** Options of {@link bradleyTerry}. */
export interface BradleyTerryOptions {
  /** The most MM iterations (crowd-kit's `n_iter`). Default 100. */
  maxIterations?: number;
  /** Stop when the scores move by less than this in L1 (crowd-kit's `tol`). Default 1e-5. */
  tol?: number;
}

/** {@link bradleyTerry}'s options: defaults and ranges. */
export const BRADLEY_TERRY_OPTIONS = {
  maxIterations: { kind: 'integer', min: 0, default: 100, description: 'the most MM iterations' },
  tol: { kind: 'number', min: 0, default: 1e-5, description: 'stop when the scores move by less than this (L1)' },
} as const satisfies OptionTable;

/**
 * Bradley-Terry scores by Hunter's MM algorithm, as crowd-kit's
 * `BradleyTerry`: P(i beats j) = p_i / (p_i + p_j); each iteration sets
 * p_i = w_i / Σ_j n_ij / (p_i + p_j) (w_i: i's wins, n_ij: comparisons of i
 * and j) and normalises p to sum 1. Starts from equal scores; the
 * comparison graph should be strongly connected (an item that never wins
 * scores 0). Stops when the scores move by less than `tol` in L1 (crowd-kit
 * compares an array with itself there, so it always stops at the second
 * iteration unless tol is 0).
 *
 * Cite: R. A. Bradley, M. E. Terry, "Rank analysis of incomplete block
 * designs I", Biometrika 39, 1952; D. R. Hunter, "MM algorithms for
 * generalized Bradley-Terry models", Ann. Statist. 32(1), 2004.
 */
export function bradleyTerry(comparisons: PairwiseComparisons, options: BradleyTerryOptions = {}): PairwiseResult {
  const o = resolveOptions('bradley-terry', BRADLEY_TERRY_OPTIONS, options);
  const n = comparisons.numItems;
  // the distinct pairs (i < j) with their comparison counts, and each item's wins
  const pairIndex = new Map<number, number>();
  const pairs: [number, number, number][] = [];
  const wins = new Float64Array(n);
  for (let c = 0; c < comparisons.numComparisons; c++) {
    const a = comparisons.left[c] as number;
    const b = comparisons.right[c] as number;
    wins[comparisons.leftWins[c] === 1 ? a : b]!++;
    const [i, j] = a < b ? [a, b] : [b, a];
    const key = i * n + j;
    const at = pairIndex.get(key);
    if (at === undefined) {
      pairIndex.set(key, pairs.length);
      pairs.push([i, j, 1]);
    } else (pairs[at] as [number, number, number])[2]++;
  }
  let p = new Float64Array(n).fill(n > 0 ? 1 / n : 0);
  const denominator = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  while (iterations < o.maxIterations && n > 0) {
    iterations++;
    denominator.fill(0);
    for (const [i, j, count] of pairs) {
      const sum = (p[i] as number) + (p[j] as number);
      if (sum === 0) continue;
      denominator[i]! += count / sum;
      denominator[j]! += count / sum;
    }
    const next = Float64Array.from(wins, (w, i) => ((denominator[i] as number) > 0 ? w / (denominator[i] as number) : 0));
    const total = next.reduce((s, x) => s + x, 0);
    if (total > 0) for (let i = 0; i < n; i++) next[i] = (next[i] as number) / total;
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs((next[i] as number) - (p[i] as number));
    p = next;
    if (change < o.tol) {
      converged = true;
      break;
    }
  }
  return { method: 'bradley-terry', scores: p, iterations, converged };
}
