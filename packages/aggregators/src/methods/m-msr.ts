import { resolveOptions, RowArgmax, portableExp, portableLog, type CrowdLabels, type OptionTable } from '@crowdlearn/core-matrix';
import { MersenneTwister } from '../internal/mt19937.js';
import type { CommonOptions, WorkerSkillResult } from '../types.js';

/** Options of {@link mMsr}. */
export interface MMsrOptions extends CommonOptions {
  /** The most iterations of the rank-one completion (crowd-kit's `n_iter`). Default 10000. */
  maxIterations?: number;
  /** Stop when the Frobenius norm of the change of u vᵀ falls below this (crowd-kit's `tol`). Default 1e-10. */
  tol?: number;
  /**
   * Which entries of C the signs are read from: `'observed'` (default), the
   * pairs of workers who share an item, as the paper means; `'reference'`,
   * every entry as crowd-kit builds it, where C is -1/(K-1) on the diagonal
   * and for pairs that share nothing, so those read as disagreeing (on sparse
   * crowds most pairs, which flips skills at random: 20.5% on CIFAR-10N).
   */
  signGraph?: 'observed' | 'reference';
}

/** {@link mMsr}'s options: defaults and ranges. */
export const M_MSR_OPTIONS = {
  maxIterations: { kind: 'integer', min: 1, default: 10000, description: "the most iterations of the robust rank-one completion (crowd-kit's n_iter)" },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-10, description: "stop when the change of u v^T (Frobenius norm) is below this (crowd-kit's tol)" },
  signGraph: { kind: 'choice', choices: ['observed', 'reference'], default: 'observed', description: "the pairs whose C signs the skills' signs are read from: those that share an item (the paper), or every pair and each worker with itself (crowd-kit)" },
} as const satisfies OptionTable;

/** The workers' pairwise statistics: how many items each pair labelled, and the covariation C of their answers. */
interface Covariation {
  /** R x R: items both workers labelled (0 on the diagonal). */
  common: Float64Array;
  /** R x R: `K/(K-1) * agreement rate - 1/(K-1)`, E[C] = s sᵀ (the paper's C̃). */
  c: Float64Array;
}

/** Counts, for every pair of workers, the items they share and how often they agree, from the item-major labels. */
function covariation(labels: CrowdLabels): Covariation {
  const R = labels.numWorkers;
  const K = labels.numClasses;
  const common = new Float64Array(R * R);
  const agree = new Float64Array(R * R);
  const { itemOffsets, worker, label } = labels;
  for (let i = 0; i < labels.numItems; i++) {
    for (let a = itemOffsets[i] as number; a < (itemOffsets[i + 1] as number); a++) {
      for (let b = a + 1; b < (itemOffsets[i + 1] as number); b++) {
        const ra = worker[a] as number;
        const rb = worker[b] as number;
        if (ra === rb) continue;
        common[ra * R + rb]!++;
        common[rb * R + ra]!++;
        if (label[a] === label[b]) {
          agree[ra * R + rb]!++;
          agree[rb * R + ra]!++;
        }
      }
    }
  }
  const c = new Float64Array(R * R);
  for (let j = 0; j < R * R; j++) {
    const n = common[j] as number;
    c[j] = (n > 0 ? ((agree[j] as number) / n) * (K / (K - 1)) : 0) - 1 / (K - 1);
  }
  return { common, c };
}

/**
 * Rearranges `a[from..to)` so that its `k` smallest values come first
 * (quickselect, Hoare partition around a median of three: linear on
 * average, deterministic).
 */
function selectSmallest(a: Float64Array, from: number, to: number, k: number): void {
  let lo = from;
  let hi = to - 1;
  const target = from + k;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return;
  }
}

/**
 * The mean of `values` after the M-MSR trimming around `a`: the F smallest
 * values are dropped (or, when fewer than F lie below `a`, all of those),
 * then the F largest (or all above `a`). `values` is reordered. Returns
 * undefined when nothing is left. Selection instead of a sort: with F near
 * half of a worker's co-labellers, sorting them all was most of the time.
 */
function trimmedMean(values: Float64Array, F: number, a: number, numItems: number): number | undefined {
  const n = values.length;
  let below = 0;
  let above = 0;
  for (let j = 0; j < n; j++) {
    const v = values[j] as number;
    if (v < a) below++;
    else if (v > a) above++;
  }
  // the kept ranks [lo, hi) of the sorted values; the values dropped at the bottom are all below a, so the
  // count above a is the same before and after
  const lo = below < F ? below : F;
  const hi = above < F ? n - above : n - F;
  if (hi <= lo) return undefined;
  selectSmallest(values, 0, n, lo);
  selectSmallest(values, lo, n, hi - lo);
  // a lone zero would zero the factor (and every later ratio): the reference puts 1/sqrt(N) there
  if (hi - lo === 1 && values[lo] === 0) return 1 / Math.sqrt(numItems);
  let sum = 0;
  for (let j = lo; j < hi; j++) sum += values[j] as number;
  return sum / (hi - lo);
}

/**
 * The signs of the skills from the signs of C (C_rq ≈ s_r s_q), by the
 * paper's graph construction: an entry with C < 0 joins its two workers
 * directly (opposite signs), an entry with C > 0 through a new middle node
 * (the same sign); the signs are those of the eigenvector of the random walk
 * on that graph whose eigenvalue is nearest -1 (its most bipartite split),
 * oriented so that most workers are better than chance. `graph` says which
 * entries are read (see {@link MMsrOptions.signGraph}); workers the graph
 * says nothing about get 0.
 */
function skillSigns(cov: Covariation, R: number, graph: 'observed' | 'reference'): Float64Array {
  // an entry of C the graph reads: every one (the reference), or the pairs that share an item
  const read = (r: number, q: number) => graph === 'reference' || (r !== q && (cov.common[r * R + q] as number) > 0);
  const valid: number[] = [];
  for (let r = 0; r < R; r++) {
    let sum = 0;
    let informative = false;
    for (let q = 0; q < R; q++) {
      if (!read(r, q)) continue;
      sum += cov.c[r * R + q] as number;
      if ((cov.c[r * R + q] as number) !== 0) informative = true;
    }
    if (graph === 'reference' ? sum !== 0 : informative) valid.push(r);
  }
  const k = valid.length;
  const out = new Float64Array(R);
  if (k === 0) return out;
  // the graph: k workers, then one node per positive pair (q >= p)
  const negative: number[][] = Array.from({ length: k }, () => []);
  const middle: [number, number][] = [];
  for (let p = 0; p < k; p++) {
    for (let q = 0; q < k; q++) {
      if (!read(valid[p] as number, valid[q] as number)) continue;
      const c = cov.c[(valid[p] as number) * R + (valid[q] as number)] as number;
      if (c < 0) (negative[p] as number[]).push(q);
      else if (c > 0 && q >= p) middle.push([p, q]);
    }
  }
  const n = k + middle.length;
  const degree = new Float64Array(n);
  for (let p = 0; p < k; p++) degree[p] = (negative[p] as number[]).length;
  for (const [j, [p, q]] of middle.entries()) {
    degree[p]!++;
    degree[q]!++;
    degree[k + j] = 2;
  }
  // W = D^-1 A is similar to N = D^-1/2 A D^-1/2; the eigenvalue of W nearest -1 is N's smallest, found by
  // power iteration on I - N (eigenvalues in [0, 2]); W's eigenvector is D^-1/2 times N's, with the same signs
  const scale = Float64Array.from(degree, (d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
  const times = (x: Float64Array, y: Float64Array) => {
    y.fill(0);
    for (let p = 0; p < k; p++) {
      let s = 0;
      for (const q of negative[p] as number[]) s += (scale[q] as number) * (x[q] as number);
      y[p] = s;
    }
    for (const [j, [p, q]] of middle.entries()) {
      const m = k + j;
      y[p]! += (scale[m] as number) * (x[m] as number);
      if (q !== p) y[q]! += (scale[m] as number) * (x[m] as number);
      else y[p]! += (scale[m] as number) * (x[m] as number);
      y[m] = (scale[p] as number) * (x[p] as number) + (scale[q] as number) * (x[q] as number);
    }
    for (let j = 0; j < n; j++) y[j] = (x[j] as number) - (scale[j] as number) * (y[j] as number);
  };
  // a start with no symmetry to get stuck in (deterministic)
  let v = Float64Array.from({ length: n }, (_, j) => 1 + ((j * 0.618033988749895) % 1));
  let next = new Float64Array(n);
  for (let step = 0; step < 20000; step++) {
    times(v, next);
    let norm = 0;
    for (let j = 0; j < n; j++) norm += (next[j] as number) * (next[j] as number);
    norm = Math.sqrt(norm);
    if (norm === 0) break;
    let change = 0;
    for (let j = 0; j < n; j++) {
      next[j] = (next[j] as number) / norm;
      change = Math.max(change, Math.abs((next[j] as number) - (v[j] as number)));
    }
    [v, next] = [next, v];
    if (change < 1e-11) break;
  }
  let total = 0;
  for (let p = 0; p < k; p++) total += Math.sign(v[p] as number);
  const orient = total < 0 ? -1 : 1;
  for (let p = 0; p < k; p++) out[valid[p] as number] = orient * Math.sign(v[p] as number);
  return out;
}

/**
 * M-MSR (matrix mean-subsequence-reduced), as crowd-kit's `MMSR`: the
 * workers' covariation C̃ has expectation s sᵀ, where s_r = (K p_r - 1)/(K-1)
 * for a worker who is right with probability p_r; a robust rank-one
 * completion of C̃ (alternating trimmed means over the observed entries,
 * dropping the F = ⌊d/2⌋ - 1 largest and smallest, d the fewest co-labellers
 * of any worker) estimates |s|, the signs come from the paper's signed graph
 * (see `skillSigns`), and items get the weighted vote with weights
 * w_r = log((K-1) p_r / (1 - p_r)), with s_r first clipped to
 * [-1/(K-1) + 1/√N, 1 - 1/√N] as the reference does.
 *
 * `skills` are the weights w_r (crowd-kit's `skills_`, equal to its test
 * values to 1e-12). `posteriors` are the one-coin model's posteriors under a
 * uniform prior, softmax of the weighted votes (the same argmax as
 * crowd-kit's normalised sums, which are not probabilities when a weight is
 * negative). The start u = v is crowd-kit's (NumPy's `RandomState(seed)`
 * uniforms), so `seed` 0 is crowd-kit's `random_state=0`.
 *
 * Where this follows the paper rather than the reference code: the signs
 * are read from the pairs of workers who share an item (`signGraph`,
 * `'reference'` for crowd-kit's graph, which also reads pairs who share
 * nothing as disagreeing: the same values on crowd-kit's test crowds, 46.29%
 * instead of 80.29% on Music); F is at least
 * 0 (with fewer than two co-labellers somewhere the reference's F is -1,
 * and NumPy's negative slice keeps only the largest ratio), and a sign
 * vector with as many positive as negative workers is taken as it is (the
 * reference multiplies it by sign(0) = 0, zeroing every weight).
 *
 * Cite: Q. Ma, A. Olshevsky, "Adversarial crowdsourcing through robust
 * rank-one matrix completion", NeurIPS 2020.
 */
export function mMsr(labels: CrowdLabels, options: MMsrOptions = {}): WorkerSkillResult {
  const o = resolveOptions('m-msr', M_MSR_OPTIONS, options);
  const R = labels.numWorkers;
  const K = labels.numClasses;
  const N = labels.numItems;
  const cov = covariation(labels);
  const x = Float64Array.from(cov.c, Math.abs);
  // F from the sparsest worker's number of co-labellers
  let sparsity = Infinity;
  const neighbours: Int32Array[] = [];
  for (let r = 0; r < R; r++) {
    const list: number[] = [];
    for (let q = 0; q < R; q++) if (cov.common[r * R + q] !== 0) list.push(q);
    neighbours.push(Int32Array.from(list));
    sparsity = Math.min(sparsity, list.length);
  }
  const F = R === 0 ? 0 : Math.max(0, Math.floor(sparsity / 2) - 1);
  const mt = new MersenneTwister(Number(options.seed ?? 0));
  const u = Float64Array.from({ length: R }, () => mt.random());
  const v = u.slice(); // the reference draws both from the same seed
  const uPrevious = new Float64Array(R);
  const vPrevious = new Float64Array(R);
  const scratch = new Float64Array(R);
  let iterations = 0;
  let converged = false;
  const objective: number[] = [];
  while (iterations < o.maxIterations && R > 0) {
    iterations++;
    uPrevious.set(u);
    vPrevious.set(v);
    // v_q from column q of X over u, then u_r from row r over the new v (X is symmetric)
    for (const [target, by] of [
      [v, u],
      [u, v],
    ] as const) {
      for (let r = 0; r < R; r++) {
        const list = neighbours[r] as Int32Array;
        let n = 0;
        for (let j = 0; j < list.length; j++) {
          const ratio = (x[r * R + (list[j] as number)] as number) / (by[list[j] as number] as number); // X is symmetric: read the row, not the column (cache)
          if (Number.isFinite(ratio)) scratch[n++] = ratio;
        }
        const mean = trimmedMean(scratch.subarray(0, n), F, target[r] as number, N);
        if (mean !== undefined) target[r] = mean;
      }
    }
    let change = 0;
    for (let r = 0; r < R; r++) {
      for (let q = 0; q < R; q++) {
        const d = (u[r] as number) * (v[q] as number) - (uPrevious[r] as number) * (vPrevious[q] as number);
        change += d * d;
      }
    }
    objective.push(Math.sqrt(change));
    if (Math.sqrt(change) < o.tol) {
      converged = true;
      break;
    }
  }
  let normU = 0;
  let normV = 0;
  for (let r = 0; r < R; r++) {
    normU += (u[r] as number) * (u[r] as number);
    normV += (v[r] as number) * (v[r] as number);
  }
  normU = Math.sqrt(normU);
  normV = Math.sqrt(normV);
  const scale = normU > 0 && normV > 0 ? Math.sqrt(normU / normV) : 1;
  const signs = skillSigns(cov, R, o.signGraph);
  const skills = new Float64Array(R);
  const upper = 1 - 1 / Math.sqrt(Math.max(1, N));
  const lower = -1 / (K - 1) + 1 / Math.sqrt(Math.max(1, N));
  // one class: nothing to weigh (every skill 0)
  for (let r = 0; r < R && K > 1; r++) {
    const s = Math.max(Math.min((signs[r] as number) * Math.abs((u[r] as number) / scale), upper), lower);
    const p = (s * (K - 1)) / K + 1 / K;
    skills[r] = portableLog((p * (K - 1)) / (1 - p));
  }
  return { ...weightedLogOddsVote(labels, skills, options), method: 'm-msr', skills, iterations, converged, objective };
}

/** Labels by the skill-weighted vote and posteriors softmax(vote): the one-coin model's posterior under a uniform prior. */
function weightedLogOddsVote(labels: CrowdLabels, weights: Float64Array, options: CommonOptions): { labels: Int32Array; posteriors: Float64Array } {
  const N = labels.numItems;
  const K = labels.numClasses;
  const scores = new Float64Array(N * K);
  for (let i = 0; i < N; i++) {
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) scores[i * K + (labels.label[e] as number)]! += weights[labels.worker[e] as number] as number;
  }
  const predicted = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0).rows(scores, N, K);
  const posteriors = new Float64Array(N * K);
  for (let i = 0; i < N; i++) {
    let top = -Infinity;
    for (let k = 0; k < K; k++) top = Math.max(top, scores[i * K + k] as number);
    let total = 0;
    for (let k = 0; k < K; k++) total += posteriors[i * K + k] = portableExp((scores[i * K + k] as number) - top);
    for (let k = 0; k < K; k++) posteriors[i * K + k] = (posteriors[i * K + k] as number) / total;
  }
  return { labels: predicted, posteriors };
}
