import type { CrowdLabels } from '../crowd-labels.js';
import { CrowdError } from '../errors.js';

/** The difference between two values that {@link krippendorffAlpha} weighs disagreement by. */
export type AlphaMetric = 'nominal' | 'interval';

/** Options of {@link krippendorffAlpha}. */
export interface KrippendorffAlphaOptions {
  /**
   * `nominal` (default): any two different classes disagree equally.
   * `interval`: disagreement is the squared difference of the classes'
   * values, for classes that are numbers (ratings, scores).
   */
  metric?: AlphaMetric;
  /**
   * The number each class stands for, for `interval` (length K). Default: the
   * class ids read as numbers; an error if one is not a number.
   */
  values?: ArrayLike<number>;
}

/**
 * Krippendorff's alpha, the chance-corrected agreement of the crowd's labels:
 * `1 - D_o / D_e`, observed against expected disagreement, over the items
 * with two or more labels (Krippendorff, "Computing Krippendorff's
 * Alpha-Reliability", 2011; Krippendorff, *Content Analysis*, 2004, ch. 11).
 * 1 is perfect agreement, 0 agreement at chance level, below 0 systematic
 * disagreement. Missing labels are what the sparse matrix does not hold, so
 * any number of workers per item works. Every label counts, completed ones
 * too (subset the matrix first to leave them out).
 *
 * From the coincidence matrix `o_ck = Σ_u n_uc (n_uk - [c = k]) / (m_u - 1)`
 * over items u with m_u >= 2 labels, n_uc of them of class c:
 * `alpha = 1 - (n - 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck` with `n_c = Σ_k o_ck`.
 * NaN when no item has two labels or when every pairable label is of one
 * class (no expected disagreement).
 */
export function krippendorffAlpha(labels: CrowdLabels, options: KrippendorffAlphaOptions = {}): number {
  const K = labels.numClasses;
  const metric = options.metric ?? 'nominal';
  const delta2 = new Float64Array(K * K);
  if (metric === 'nominal') {
    for (let c = 0; c < K; c++) for (let k = 0; k < K; k++) delta2[c * K + k] = c === k ? 0 : 1;
  } else {
    const values = options.values ?? classValues(labels);
    if (values.length !== K) throw new CrowdError('INVALID_ARGUMENT', 'interval alpha needs one value per class', { expected: `${K} values`, found: String(values.length) });
    for (let c = 0; c < K; c++) {
      for (let k = 0; k < K; k++) {
        const d = (values[c] as number) - (values[k] as number);
        delta2[c * K + k] = d * d;
      }
    }
  }
  // the coincidences, item by item over the classes present in the item
  const coincidence = new Float64Array(K * K);
  const count = new Int32Array(K);
  const present: number[] = [];
  const { itemOffsets, label } = labels;
  for (let i = 0; i < labels.numItems; i++) {
    const start = itemOffsets[i] as number;
    const m = (itemOffsets[i + 1] as number) - start;
    if (m < 2) continue;
    for (let e = start; e < start + m; e++) {
      const c = label[e] as number;
      if (count[c] === 0) present.push(c);
      count[c]! += 1;
    }
    for (const c of present) {
      for (const k of present) coincidence[c * K + k]! += ((count[c] as number) * ((count[k] as number) - (c === k ? 1 : 0))) / (m - 1);
    }
    for (const c of present) count[c] = 0;
    present.length = 0;
  }
  const marginal = new Float64Array(K);
  let n = 0;
  for (let c = 0; c < K; c++) {
    for (let k = 0; k < K; k++) marginal[c]! += coincidence[c * K + k] as number;
    n += marginal[c] as number;
  }
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < K; c++) {
    for (let k = 0; k < K; k++) {
      const d = delta2[c * K + k] as number;
      observed += (coincidence[c * K + k] as number) * d;
      expected += (marginal[c] as number) * (marginal[k] as number) * d;
    }
  }
  return n === 0 || expected === 0 ? Number.NaN : 1 - ((n - 1) * observed) / expected;
}

/** A class id read as a number (the interval metric's value of the class), or NaN when it is not one. */
function classNumber(id: unknown): number {
  return typeof id === 'number' ? id : String(id).trim() === '' ? Number.NaN : Number(id);
}

/** Whether every class id is a number (ratings, scores): where interval alpha applies without `values`. */
export function classesAreNumbers(labels: CrowdLabels): boolean {
  return labels.numClasses > 0 && labels.classes.ids().every((id) => Number.isFinite(classNumber(id)));
}

/** The class ids as numbers, for interval alpha; an error naming the first that is not one. */
function classValues(labels: CrowdLabels): Float64Array {
  return Float64Array.from(labels.classes.ids(), (id) => {
    const v = classNumber(id);
    if (!Number.isFinite(v)) throw new CrowdError('INVALID_ARGUMENT', 'interval alpha needs classes that are numbers', { expected: 'numeric class ids, or options.values', found: JSON.stringify(id) });
    return v;
  });
}
