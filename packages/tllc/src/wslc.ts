import {
  CrowdError,
  mergeCompleted,
  resolveOptions,
  RowArgmax,
  type OptionTable,
  type TieBreak,
  type CrowdLabels,
  type FeatureColumn,
  type Features,
  type Seed,
} from '@crowdlearn/core-matrix';
import { aggregate } from '@crowdlearn/aggregators';
import { pearson } from './internal/pearson.js';
import { workerLabels } from './internal/worker-labels.js';

/** Options of {@link completeWslc} (spec Part B; defaults follow the reference Java code). */
export interface WslcOptions {
  /** Size of each worker's neighbourhood: its most similar workers. Default: all workers. */
  numK?: number;
  /**
   * A cell where no neighbour labelled the item (every score 0): `'class0'`
   * (default, what the code does), `'skip'` (leave it empty) or `'mv'` (the
   * item's majority label).
   */
  allZero?: 'class0' | 'skip' | 'mv';
  /** Ties between scores: `'lowest'` class index (default) or `'random'`. */
  tieBreak?: TieBreak;
  /** Seed of random tie breaks. Default 0. */
  seed?: Seed;
}

/** WSLC's options: defaults and ranges. */
export const WSLC_OPTIONS = {
  numK: { kind: 'integer', min: 1, defaultText: 'every other worker', description: "size of each worker's neighbourhood: its most similar workers" },
  allZero: { kind: 'choice', choices: ['class0', 'skip', 'mv'], default: 'class0', description: 'what a cell gets when no neighbour labelled its item: class 0 (the reference code), nothing, or the MV label' },
  tieBreak: { kind: 'choice', choices: ['lowest', 'random'], default: 'lowest', description: 'tie rule between classes' },
} as const satisfies OptionTable;

/** The result of {@link completeWslc}. */
export interface WslcResult {
  /** Observed labels (unchanged) plus the completed ones (origin `completed`). */
  labels: CrowdLabels;
  /** Number of completed cells. */
  completed: number;
  /** Cells left empty (`allZero: 'skip'`). */
  skipped: number;
  /** Worker vectors, row-major R x M (one entry per attribute). */
  workerVectors: Float64Array;
  /** Worker similarity, row-major R x R, in [0, 1], symmetric, zero diagonal. */
  similarity: Float64Array;
}

/** An attribute as WSLC sees it: numeric values, or nominal value codes. */
interface Attribute {
  nominal: boolean;
  /** Numeric value, or the value's code for a nominal attribute. */
  values: Float64Array;
  /** Number of distinct values (nominal only). */
  arity: number;
}

/**
 * WSLC (worker-similarity label completion; Wu et al., IEEE TBD 2025), the
 * baseline of TLLC: each worker is a vector of attribute-label correlations
 * on its own items (B.2), workers are compared by rescaled cosine (B.3), and
 * every missing cell gets the similarity-weighted vote of the other workers'
 * original labels on that item (B.4). Nothing is trained.
 *
 * `attributes` is either numeric {@link Features} or raw columns, where
 * nominal columns are correlated value by value as the reference code does.
 * Missing numeric values (NaN) are imputed with the column mean.
 */
export function completeWslc(labels: CrowdLabels, attributes: Features | readonly FeatureColumn[], options: WslcOptions = {}): WslcResult {
  const attrs = toAttributes(attributes, labels.numItems);
  const R = labels.numWorkers;
  const K = labels.numClasses;
  const N = labels.numItems;
  const M = attrs.length;
  const vectors = workerVectors(labels, attrs);
  const similarity = workerSimilarity(vectors, R, M);

  const o = resolveOptions('wslc', WSLC_OPTIONS, options);
  const numK = o.numK ?? R;
  const neighbour = neighbourhoods(similarity, R, numK);
  const allZero = o.allZero;
  const random = o.tieBreak === 'random';
  const argmax = new RowArgmax(random ? 'random' : 'lowest', options.seed ?? 0);

  const item: number[] = [];
  const worker: number[] = [];
  const label: number[] = [];
  let skipped = 0;
  let majority: Int32Array | undefined;
  const score = new Float64Array(K);
  const present = new Uint8Array(R);
  for (let i = 0; i < N; i++) {
    const start = labels.itemOffsets[i] as number;
    const end = labels.itemOffsets[i + 1] as number;
    for (let e = start; e < end; e++) present[labels.worker[e] as number] = 1;
    for (let r = 0; r < R; r++) {
      if (present[r] === 1) continue;
      score.fill(0);
      let any = false;
      for (let e = start; e < end; e++) {
        const s = labels.worker[e] as number;
        if (neighbour[r * R + s] === 0) continue;
        const w = similarity[r * R + s] as number;
        if (w > 0) any = true;
        score[labels.label[e] as number]! += w;
      }
      let q: number;
      if (any) q = argmax.pick(score, 0, K);
      else if (allZero === 'skip') {
        skipped++;
        continue;
      } else if (allZero === 'mv') q = (majority ??= majorityLabels(labels, random, options.seed ?? 0))[i] as number;
      else q = 0;
      item.push(i);
      worker.push(r);
      label.push(q);
    }
    for (let e = start; e < end; e++) present[labels.worker[e] as number] = 0;
  }
  const merged = mergeCompleted(labels, { item: Int32Array.from(item), worker: Int32Array.from(worker), label: Int32Array.from(label) });
  return { labels: merged.labels, completed: merged.added, skipped, workerVectors: vectors, similarity };
}

/**
 * WSLC worker vectors (spec B.2), row-major R x M: for a numeric attribute,
 * `Σ_k P_r(k) ρ(x_a, 1[l = k])` over the worker's items; for a nominal one,
 * `Σ_k Σ_v P_r(a = v, k) ρ(1[x_a = v], 1[l = k])`. A worker with fewer than
 * 2 labels has the zero vector.
 */
function workerVectors(labels: CrowdLabels, attrs: Attribute[]): Float64Array {
  const R = labels.numWorkers;
  const K = labels.numClasses;
  const M = attrs.length;
  const out = new Float64Array(R * M);
  for (let r = 0; r < R; r++) {
    const { items, classes: cls } = workerLabels(labels, r);
    const n = items.length;
    if (n < 2) continue;
    const prior = new Float64Array(K);
    for (let p = 0; p < n; p++) prior[cls[p] as number]! += 1 / n;
    for (let a = 0; a < M; a++) {
      const attr = attrs[a] as Attribute;
      let w = 0;
      for (let k = 0; k < K; k++) {
        if ((prior[k] as number) === 0) continue;
        const indicator = (p: number) => (cls[p] === k ? 1 : 0);
        if (!attr.nominal) {
          w += (prior[k] as number) * pearson(n, (p) => attr.values[items[p] as number] as number, indicator);
          continue;
        }
        for (let v = 0; v < attr.arity; v++) {
          let joint = 0;
          for (let p = 0; p < n; p++) if (cls[p] === k && attr.values[items[p] as number] === v) joint++;
          if (joint === 0) continue;
          w += (joint / n) * pearson(n, (p) => (attr.values[items[p] as number] === v ? 1 : 0), indicator);
        }
      }
      out[r * M + a] = w;
    }
  }
  return out;
}

/** sim(r, s) = (1 + cos(w_r, w_s)) / 2 when the dot product and the norms are non-zero, else 0; zero diagonal (spec B.3). */
function workerSimilarity(vectors: Float64Array, R: number, M: number): Float64Array {
  const norm = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let s = 0;
    for (let a = 0; a < M; a++) s += (vectors[r * M + a] as number) ** 2;
    norm[r] = Math.sqrt(s);
  }
  const sim = new Float64Array(R * R);
  for (let r = 0; r < R; r++) {
    for (let s = r + 1; s < R; s++) {
      let dot = 0;
      for (let a = 0; a < M; a++) dot += (vectors[r * M + a] as number) * (vectors[s * M + a] as number);
      const denominator = (norm[r] as number) * (norm[s] as number);
      const value = dot !== 0 && denominator !== 0 ? (1 + Math.min(1, Math.max(-1, dot / denominator))) / 2 : 0;
      sim[r * R + s] = value;
      sim[s * R + r] = value;
    }
  }
  return sim;
}

/** 1 where s is among r's `numK` most similar workers (ties by lower index). */
function neighbourhoods(sim: Float64Array, R: number, numK: number): Uint8Array {
  const out = new Uint8Array(R * R);
  const order = Array.from({ length: R }, (_, s) => s);
  for (let r = 0; r < R; r++) {
    if (numK >= R - 1) {
      for (let s = 0; s < R; s++) if (s !== r) out[r * R + s] = 1;
      continue;
    }
    const ranked = order.filter((s) => s !== r).sort((a, b) => (sim[r * R + b] as number) - (sim[r * R + a] as number) || a - b);
    for (const s of ranked.slice(0, numK)) out[r * R + s] = 1;
  }
  return out;
}

/** The majority-vote label of every item (the aggregators package's MV), ties as `tieBreak`. */
function majorityLabels(labels: CrowdLabels, random: boolean, seed: Seed): Int32Array {
  return aggregate(labels, { method: 'mv', tieBreak: random ? 'random' : 'lowest', seed }).labels;
}

function toAttributes(input: Features | readonly FeatureColumn[], n: number): Attribute[] {
  if (!Array.isArray(input)) {
    const f = input as Features;
    f.assertAligned({ numItems: n });
    const out: Attribute[] = [];
    for (let a = 0; a < f.numCols; a++) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = f.data[i * f.numCols + a] as number;
      out.push({ nominal: false, values: imputeMean(values), arity: 0 });
    }
    return out;
  }
  return (input as readonly FeatureColumn[]).map((col) => {
    if (col.values.length !== n) {
      throw new CrowdError('FEATURES_MISALIGNED', `attribute ${JSON.stringify(col.name)} does not line up with the items`, {
        expected: `${n} values (one per item)`,
        found: `${col.values.length}`,
      });
    }
    if (col.kind === 'numeric') return { nominal: false, values: imputeMean(Float64Array.from(col.values)), arity: 0 };
    const categories = col.categories ?? [...new Set(col.values)].sort();
    const code = new Map(categories.map((c, v) => [c, v]));
    const values = Float64Array.from(col.values, (v, i) => {
      const c = code.get(v);
      if (c === undefined) {
        throw new CrowdError('INVALID_ARGUMENT', `attribute ${JSON.stringify(col.name)} has a value outside its categories`, {
          expected: categories.join(', '),
          found: `${JSON.stringify(v)} at row ${i}`,
        });
      }
      return c;
    });
    return { nominal: true, values, arity: categories.length };
  });
}

function imputeMean(values: Float64Array): Float64Array {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  const mean = count > 0 ? sum / count : 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) values[i] = mean;
  return values;
}
