import { CrowdError, type Rng } from '@crowdlearn/core-matrix';
import { classQuotas, type QuotaOptions } from './quota.js';

/** How pseudo-annotations are chosen among the scored candidates. */
export type SelectionStrategy =
  /** Per-class quotas inversely proportional to the predicted class counts, lowest entropy within each class (DASC). */
  | 'dasc'
  /** The lowest-entropy candidates overall (Confidence self-training). */
  | 'confidence'
  /** Uniformly at random (Random self-training). */
  | 'random';

/** Scored candidate cells: one entry per empty (item, worker) cell. */
export interface ScoredCandidates {
  /** Item of each candidate. */
  item: Int32Array;
  /** Worker of each candidate. */
  worker: Int32Array;
  /** Pseudo-label: the argmax of the worker's predicted annotation distribution. */
  label: Int32Array;
  /** Entropy of that distribution (Eq. 2). */
  entropy: Float64Array;
}

/** Options of {@link selectCandidates}. */
export interface SelectionOptions extends QuotaOptions {
  /** Order of equal entropies: `'random'` (seeded, default) or `'lowestIndex'`. */
  entropyTies?: 'random' | 'lowestIndex';
}

/** The chosen candidates and, for DASC, the quotas. */
export interface Selection {
  /** Indices into the candidates, ascending. */
  chosen: Int32Array;
  /** N'_k: candidates predicted as each class. */
  candidatesPerClass: Int32Array;
  /** M_k after rounding and shortfall (DASC only). */
  quotas?: Int32Array;
}

/**
 * Chooses `budget` pseudo-annotations from the candidates under a strategy
 * (DASC Algorithm 1's selection step; Confidence and Random are the paper's
 * baselines). A budget above the number of candidates takes them all.
 */
export function selectCandidates(
  candidates: ScoredCandidates,
  numClasses: number,
  budget: number,
  strategy: SelectionStrategy,
  rng: Rng,
  options: SelectionOptions = {},
): Selection {
  const n = candidates.label.length;
  if (!Number.isInteger(budget) || budget < 0) throw new CrowdError('INVALID_ARGUMENT', 'the budget must be a non-negative integer', { found: String(budget) });
  const candidatesPerClass = new Int32Array(numClasses);
  for (let c = 0; c < n; c++) candidatesPerClass[candidates.label[c] as number]!++;
  const m = Math.min(budget, n);
  if (strategy === 'random') return { chosen: sorted(rng.sample(n, m)), candidatesPerClass };
  const order = byEntropy(candidates.entropy, rng, options.entropyTies ?? 'random');
  if (strategy === 'confidence') return { chosen: sorted(order.subarray(0, m)), candidatesPerClass };
  const quotas = classQuotas(candidatesPerClass, m, options);
  const taken = new Int32Array(numClasses);
  const chosen: number[] = [];
  for (const c of order) {
    const k = candidates.label[c] as number;
    if ((taken[k] as number) < (quotas[k] as number)) {
      taken[k]!++;
      chosen.push(c);
    }
  }
  return { chosen: sorted(Int32Array.from(chosen)), candidatesPerClass, quotas };
}

/** Candidate indices by ascending entropy; equal entropies in random (seeded) or index order. */
function byEntropy(entropy: Float64Array, rng: Rng, ties: 'random' | 'lowestIndex'): Int32Array {
  const n = entropy.length;
  const tieKey = ties === 'random' ? Float64Array.from({ length: n }, () => rng.uniform()) : undefined;
  const order = Int32Array.from({ length: n }, (_, c) => c);
  order.sort((a, b) => (entropy[a] as number) - (entropy[b] as number) || (tieKey === undefined ? a - b : (tieKey[a] as number) - (tieKey[b] as number)));
  return order;
}

function sorted(a: Int32Array): Int32Array {
  return Int32Array.from(a).sort();
}
