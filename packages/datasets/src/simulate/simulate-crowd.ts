import {
  CrowdError,
  CrowdLabels,
  Features,
  GoldLabels,
  largestRemainder,
  toRng,
  type RandomSource,
  type Rng,
} from '@crowdlearn/core-matrix';
import { WORKER_TYPES, type WorkerType } from './worker-types.js';

/** Options of {@link simulateCrowd}. Every field has a default (the WSLC protocol of specs/README §4). */
export interface SimulateCrowdOptions {
  /** Number of items N. Default 600 (or the length of `truth`). */
  numItems?: number;
  /**
   * The true class of every item, to simulate workers labelling given items
   * (a real dataset's gold, say) instead of drawing the classes from the
   * prior. Sets N; use with `featureDim: 0` and the items' own features.
   */
  truth?: ArrayLike<number>;
  /** Number of classes K. Default 4. */
  numClasses?: number;
  /** Feature dimension d. Default 16. Use 0 for label-only data. */
  featureDim?: number;
  /** Distance s of each class mean from the origin: larger is easier. Default 3. */
  separation?: number;
  /** Standard deviation of the features around their class mean. Default 1. */
  sigma?: number;
  /** Class prior (normalised). Default uniform, or long-tailed when `imbalanceRatio` is set. */
  classPrior?: readonly number[];
  /** Long-tailed prior `pi_k ∝ ratio^(-k/(K-1))` (the gold imbalance ratio R_g). */
  imbalanceRatio?: number;
  /** Number of workers R. Default 40. */
  numWorkers?: number;
  /** Proportions of worker types (normalised; counts by largest remainder). Default all `oneCoin`. */
  workerMix?: Partial<Record<WorkerType, number>>;
  /** Worker quality p_r ~ U(lo, hi) for oneCoin, confusion, instanceDependent and adversarial workers. Default [0.5, 0.9]. */
  quality?: readonly [number, number];
  /** Quality range of experts. Default [0.9, 0.9]. */
  expertQuality?: readonly [number, number];
  /** Familiar classes of instanceDependent workers. Default ceil(K/2). */
  familiarClasses?: number;
  /** Accuracy on familiar classes; default min(p + 0.2, 0.95). */
  familiarAccuracy?: number;
  /** Accuracy elsewhere; default max(p - 0.3, 1/K). */
  unfamiliarAccuracy?: number;
  /** Each worker labels each item with probability pi_r ~ U(lo, hi). Default [0.1, 0.5]. Ignored when `labelsPerItem` is set. */
  participation?: readonly [number, number];
  /** Every item gets exactly this many distinct workers, chosen uniformly. */
  labelsPerItem?: number;
  /**
   * Feature-dependent item difficulty in [0, 1] (default 0): on an item near
   * another class's mean, every worker's accuracy shrinks toward chance by up
   * to this fraction, so errors depend on the features.
   */
  difficulty?: number;
}

/** A simulated crowd with everything that generated it. */
export interface SimulatedCrowd {
  /** The observed labels. */
  labels: CrowdLabels;
  /** The true class of every item. */
  gold: GoldLabels;
  /** Item features (N x d), absent when `featureDim` is 0. */
  features?: Features;
  /** What every worker would answer on every item, row-major N x R (for completion accuracy). */
  latent: Int32Array;
  /** Type of each worker. */
  workerTypes: WorkerType[];
  /** Quality parameter p_r of each worker (NaN for spammer and random workers). */
  workerQuality: Float64Array;
  /**
   * Each worker's true confusion matrix, R x K x K row-major: entry
   * `[r][k][l]` is the expected probability that worker r answers l on an
   * item of class k of this crowd (averaged over the items when difficulty
   * is on).
   */
  confusion: Float64Array;
  /** The class prior used. */
  classPrior: Float64Array;
}

/**
 * Simulates a crowd: items with class-conditional Gaussian features, workers
 * of the requested types, sparse participation, and the full latent answer
 * matrix. The same seed gives the same crowd. Used by the tests of every
 * method.
 */
export function simulateCrowd(options: SimulateCrowdOptions, seed: RandomSource): SimulatedCrowd {
  const o = withDefaults(options);
  const rng = toRng(seed);
  const N = o.numItems;
  const K = o.numClasses;
  const R = o.numWorkers;
  const d = o.featureDim;

  const prior = classPrior(o);
  const itemRng = rng.fork('items');
  const y = o.truth !== undefined ? Int32Array.from(o.truth) : Int32Array.from({ length: N }, () => itemRng.weightedChoice(prior));

  const featRng = rng.fork('features');
  const means = classMeans(K, d, o.separation, featRng);
  const x = new Float32Array(N * d);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < d; j++) x[i * d + j] = (means[(y[i] as number) * d + j] as number) + featRng.normal(0, o.sigma);
  }
  const hardness = d > 0 && o.difficulty > 0 ? itemHardness(x, y, means, N, K, d) : new Float64Array(N);

  const workerRng = rng.fork('workers');
  const workerTypes = assignTypes(o, R, workerRng);
  const workerQuality = new Float64Array(R);
  const base = new Float64Array(R * K * K);
  for (let r = 0; r < R; r++) {
    workerQuality[r] = baseConfusion(workerTypes[r] as WorkerType, o, K, workerRng, base.subarray(r * K * K, (r + 1) * K * K));
  }

  const answerRng = rng.fork('answers');
  const latent = new Int32Array(N * R);
  const confusion = new Float64Array(R * K * K);
  const classCount = new Float64Array(K);
  for (let i = 0; i < N; i++) classCount[y[i] as number]!++;
  const row = new Float64Array(K);
  for (let i = 0; i < N; i++) {
    const k = y[i] as number;
    const shrink = o.difficulty * (hardness[i] as number);
    for (let r = 0; r < R; r++) {
      const b = base.subarray(r * K * K + k * K, r * K * K + (k + 1) * K);
      for (let l = 0; l < K; l++) row[l] = (1 - shrink) * (b[l] as number) + shrink / K;
      latent[i * R + r] = answerRng.weightedChoice(row);
      for (let l = 0; l < K; l++) confusion[r * K * K + k * K + l]! += (row[l] as number) / (classCount[k] as number);
    }
  }
  for (let r = 0; r < R; r++) {
    for (let k = 0; k < K; k++) {
      if (classCount[k] === 0) confusion.set(base.subarray(r * K * K + k * K, r * K * K + (k + 1) * K), r * K * K + k * K);
    }
  }

  const labels = drawObservations(o, latent, N, R, K, rng.fork('sparsity'));
  return {
    labels,
    gold: GoldLabels.fromArray(y, K),
    ...(d > 0 ? { features: new Features(x, N, d) } : {}),
    latent,
    workerTypes,
    workerQuality,
    confusion,
    classPrior: prior,
  };
}

type Resolved = Required<Omit<SimulateCrowdOptions, 'classPrior' | 'imbalanceRatio' | 'labelsPerItem' | 'familiarAccuracy' | 'unfamiliarAccuracy' | 'truth'>> &
  Pick<SimulateCrowdOptions, 'classPrior' | 'imbalanceRatio' | 'labelsPerItem' | 'familiarAccuracy' | 'unfamiliarAccuracy' | 'truth'>;

function withDefaults(options: SimulateCrowdOptions): Resolved {
  const K = options.numClasses ?? 4;
  const o: Resolved = {
    numItems: 600,
    numClasses: K,
    featureDim: 16,
    separation: 3,
    sigma: 1,
    numWorkers: 40,
    workerMix: { oneCoin: 1 },
    quality: [0.5, 0.9],
    expertQuality: [0.9, 0.9],
    familiarClasses: Math.ceil(K / 2),
    participation: [0.1, 0.5],
    difficulty: 0,
    ...options,
    ...(options.truth !== undefined ? { numItems: options.truth.length } : {}),
  };
  const bad = (what: string, expected: string, found: unknown) =>
    new CrowdError('INVALID_ARGUMENT', `simulateCrowd: ${what}`, { expected, found: JSON.stringify(found) });
  if (!Number.isInteger(o.numItems) || o.numItems < 1) throw bad('numItems', 'a positive integer', o.numItems);
  if (!Number.isInteger(K) || K < 2) throw bad('numClasses', 'an integer >= 2', K);
  if (!Number.isInteger(o.numWorkers) || o.numWorkers < 1) throw bad('numWorkers', 'a positive integer', o.numWorkers);
  if (o.labelsPerItem !== undefined && (!Number.isInteger(o.labelsPerItem) || o.labelsPerItem < 1 || o.labelsPerItem > o.numWorkers)) {
    throw bad('labelsPerItem', `an integer in [1, ${o.numWorkers}]`, o.labelsPerItem);
  }
  if (o.classPrior !== undefined && o.classPrior.length !== K) throw bad('classPrior', `${K} weights`, o.classPrior);
  if (o.truth !== undefined && Array.from(o.truth).some((k) => !Number.isInteger(k) || k < 0 || k >= K)) {
    throw bad('truth', `classes in [0, ${K - 1}]`, Array.from(o.truth).find((k) => !Number.isInteger(k) || k < 0 || k >= K));
  }
  if (!(o.difficulty >= 0 && o.difficulty <= 1)) throw bad('difficulty', 'a number in [0, 1]', o.difficulty);
  for (const t of Object.keys(o.workerMix)) if (!WORKER_TYPES.includes(t as WorkerType)) throw bad('workerMix', WORKER_TYPES.join(', '), t);
  return o;
}

function classPrior(o: Resolved): Float64Array {
  const K = o.numClasses;
  const w = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    w[k] = o.classPrior !== undefined ? (o.classPrior[k] as number) : o.imbalanceRatio !== undefined ? o.imbalanceRatio ** (-k / (K - 1)) : 1;
  }
  const total = w.reduce((s, v) => s + v, 0);
  return w.map((v) => v / total);
}

/** Class means `s * u_k / |u_k|` with `u_k ~ N(0, I_d)`. */
function classMeans(K: number, d: number, s: number, rng: Rng): Float64Array {
  const means = new Float64Array(K * d);
  for (let k = 0; k < K; k++) {
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const u = rng.normal();
      means[k * d + j] = u;
      norm += u * u;
    }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < d; j++) means[k * d + j] = (s * (means[k * d + j] as number)) / norm;
  }
  return means;
}

/** Hardness in [0, 1]: 1 at or past the boundary with the nearest other class mean, falling with the margin. */
function itemHardness(x: Float32Array, y: Int32Array, means: Float64Array, N: number, K: number, d: number): Float64Array {
  const h = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let own = 0;
    let nearest = Infinity;
    for (let k = 0; k < K; k++) {
      let dist = 0;
      for (let j = 0; j < d; j++) dist += ((x[i * d + j] as number) - (means[k * d + j] as number)) ** 2;
      dist = Math.sqrt(dist);
      if (k === y[i]) own = dist;
      else nearest = Math.min(nearest, dist);
    }
    h[i] = Math.min(1, 2 / (1 + Math.exp(nearest - own)));
  }
  return h;
}

function assignTypes(o: Resolved, R: number, rng: Rng): WorkerType[] {
  const types = WORKER_TYPES.filter((t) => (o.workerMix[t] ?? 0) > 0);
  const total = types.reduce((s, t) => s + (o.workerMix[t] as number), 0);
  const counts = largestRemainder(
    types.map((t) => ((o.workerMix[t] as number) / total) * R),
    R,
  );
  const out: WorkerType[] = [];
  types.forEach((t, j) => {
    for (let c = 0; c < (counts[j] as number); c++) out.push(t);
  });
  return rng.shuffle(out);
}

/** Fills a worker's K x K base confusion; returns its quality parameter (NaN when it has none). */
function baseConfusion(type: WorkerType, o: Resolved, K: number, rng: Rng, m: Float64Array): number {
  const draw = (range: readonly [number, number]) => rng.uniform(range[0], range[1]);
  const oneCoin = (p: number, k: number) => {
    for (let l = 0; l < K; l++) m[k * K + l] = l === k ? p : (1 - p) / (K - 1);
  };
  switch (type) {
    case 'oneCoin':
    case 'expert': {
      const p = draw(type === 'expert' ? o.expertQuality : o.quality);
      for (let k = 0; k < K; k++) oneCoin(p, k);
      return p;
    }
    case 'confusion': {
      const p = draw(o.quality);
      for (let k = 0; k < K; k++) {
        const c = (k + 1 + rng.int(K - 1)) % K;
        for (let l = 0; l < K; l++) {
          m[k * K + l] = l === k ? p : l === c ? 0.7 * (1 - p) + (K === 2 ? 0.3 * (1 - p) : 0) : K === 2 ? 0 : (0.3 * (1 - p)) / (K - 2);
        }
      }
      return p;
    }
    case 'instanceDependent': {
      const p = draw(o.quality);
      const familiar = new Set(rng.sample(K, Math.min(o.familiarClasses, K)));
      for (let k = 0; k < K; k++) {
        oneCoin(familiar.has(k) ? (o.familiarAccuracy ?? Math.min(p + 0.2, 0.95)) : (o.unfamiliarAccuracy ?? Math.max(p - 0.3, 1 / K)), k);
      }
      return p;
    }
    case 'spammer': {
      const c = rng.int(K);
      for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) m[k * K + l] = l === c ? 1 : 0;
      return Number.NaN;
    }
    case 'random':
      m.fill(1 / K);
      return Number.NaN;
    case 'adversarial': {
      const p = draw(o.quality);
      const shift = 1 + rng.int(K - 1); // a derangement: class k is answered as k + shift
      for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) m[k * K + l] = (1 - p) / K + (l === (k + shift) % K ? p : 0);
      return p;
    }
  }
}

/** Picks the observed cells; redraws an unlabelled item, and the whole draw if a worker ends up with no label. */
function drawObservations(o: Resolved, latent: Int32Array, N: number, R: number, K: number, rng: Rng): CrowdLabels {
  for (let attempt = 0; attempt < 100; attempt++) {
    const item: number[] = [];
    const worker: number[] = [];
    const perWorker = new Int32Array(R);
    if (o.labelsPerItem !== undefined) {
      for (let i = 0; i < N; i++) {
        const chosen = Array.from(rng.sample(R, o.labelsPerItem)).sort((a, b) => a - b);
        for (const r of chosen) {
          item.push(i);
          worker.push(r);
          perWorker[r]!++;
        }
      }
    } else {
      const rate = Float64Array.from({ length: R }, () => rng.uniform(o.participation[0], o.participation[1]));
      for (let i = 0; i < N; i++) {
        let chosen: number[] = [];
        for (let tries = 0; chosen.length === 0; tries++) {
          if (tries > 1000) {
            throw new CrowdError('INVALID_ARGUMENT', 'simulateCrowd: participation too low to label every item', {
              found: JSON.stringify(o.participation),
            });
          }
          chosen = [];
          for (let r = 0; r < R; r++) if (rng.bernoulli(rate[r] as number)) chosen.push(r);
        }
        for (const r of chosen) {
          item.push(i);
          worker.push(r);
          perWorker[r]!++;
        }
      }
    }
    if (perWorker.some((c) => c === 0) && attempt < 99) continue;
    const itemCol = Int32Array.from(item);
    const workerCol = Int32Array.from(worker);
    const label = Int32Array.from(itemCol, (i, e) => latent[i * R + (workerCol[e] as number)] as number);
    return CrowdLabels.fromArrays({ item: itemCol, worker: workerCol, label }, { numItems: N, numWorkers: R, numClasses: K });
  }
  throw new CrowdError('INVALID_ARGUMENT', 'simulateCrowd: some worker never labels an item; raise participation');
}
