import { CrowdError, type Rng } from '@crowdlearn/core-matrix';

/** Which pairs are built from a labelled set (Eq. 8). */
export type PairScheme =
  /** Every unordered pair i < j, subsampled to `maxPairs` once per epoch when there are more. */
  | 'all'
  /** For each anchor, one same-label and one different-label partner, redrawn every epoch. */
  | 'balanced';

/** What a pair's target means (Eq. 8). */
export type PairTarget =
  /** 0 for the same label, 1 for different labels (the spec's default; goes with the Euclidean head). */
  | 'distance'
  /** 1 for the same label, 0 for different (only with the sigmoid head). */
  | 'similarity';

/** Options of {@link drawPairs}. */
export interface PairOptions {
  /** Default `'all'`. */
  scheme?: PairScheme;
  /** Cap on the pairs of `'all'`. Default 100000. */
  maxPairs?: number;
  /** Default `'distance'`. */
  target?: PairTarget;
}

/** Pairs of positions in a labelled set, and their targets y'. */
export interface PairSet {
  /** Position of the first member of each pair. */
  first: Int32Array;
  /** Position of the second member. */
  second: Int32Array;
  /** y' of each pair. */
  target: Float32Array;
}

/** n(n-1)/2, the number of unordered pairs of n elements. */
export function allPairsCount(n: number): number {
  return (n * (n - 1)) / 2;
}

/**
 * The number of pairs {@link drawPairs} returns for a set with these class
 * labels: the same every epoch, so a training loop can size its epochs.
 */
export function pairCount(classes: ArrayLike<number>, options: PairOptions = {}): number {
  const n = classes.length;
  if ((options.scheme ?? 'all') === 'all') return Math.min(allPairsCount(n), options.maxPairs ?? 100_000);
  const size = classSizes(classes);
  let count = 0;
  for (let a = 0; a < n; a++) {
    const s = size.get(classes[a] as number) as number;
    if (s >= 2) count++;
    if (s < n) count++;
  }
  return count;
}

/**
 * Pair data of Eq. 8 from a labelled set (`classes[p]` is the label of
 * position p): `y' = 1[c_i != c_j]` for the `'distance'` target. For
 * `'all'` with at most `maxPairs` pairs the result is every pair in (i, j)
 * order and `rng` is not used; above the cap, a uniform sample without
 * replacement. `'balanced'` draws, for each anchor, a same-label partner
 * (when its class has another member) and a different-label partner (when
 * another class exists).
 */
export function drawPairs(classes: ArrayLike<number>, rng: Rng, options: PairOptions = {}): PairSet {
  const maxPairs = options.maxPairs ?? 100_000;
  if (!(maxPairs >= 1) || !Number.isInteger(maxPairs)) {
    throw new CrowdError('INVALID_ARGUMENT', 'maxPairs must be a positive integer', { found: String(maxPairs) });
  }
  const pairs = (options.scheme ?? 'all') === 'all' ? allPairs(classes.length, maxPairs, rng) : balancedPairs(classes, rng);
  const similarity = options.target === 'similarity';
  const target = new Float32Array(pairs.first.length);
  for (let p = 0; p < target.length; p++) {
    const different = classes[pairs.first[p] as number] !== classes[pairs.second[p] as number];
    target[p] = different !== similarity ? 1 : 0;
  }
  return { ...pairs, target };
}

function allPairs(n: number, maxPairs: number, rng: Rng): { first: Int32Array; second: Int32Array } {
  const total = allPairsCount(n);
  if (total <= maxPairs) {
    const first = new Int32Array(total);
    const second = new Int32Array(total);
    let p = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        first[p] = i;
        second[p] = j;
        p++;
      }
    }
    return { first, second };
  }
  // Floyd's sampling: maxPairs distinct ranks out of `total` without materialising all pairs.
  const chosen = new Set<number>();
  for (let t = total - maxPairs; t < total; t++) {
    const r = Math.floor(rng.uniform() * (t + 1));
    chosen.add(chosen.has(r) ? t : r);
  }
  const first = new Int32Array(maxPairs);
  const second = new Int32Array(maxPairs);
  let p = 0;
  for (const rank of chosen) {
    const [i, j] = pairOfRank(rank, n);
    first[p] = i;
    second[p] = j;
    p++;
  }
  return { first, second };
}

/** The pair (i, j), i < j, at position `rank` of the row-by-row enumeration of n elements. */
export function pairOfRank(rank: number, n: number): [number, number] {
  // Row i starts at rank i*n - i(i+1)/2; solve for the largest such start <= rank, then fix rounding.
  let i = Math.floor((2 * n - 1 - Math.sqrt((2 * n - 1) * (2 * n - 1) - 8 * rank)) / 2);
  const start = (row: number) => row * n - (row * (row + 1)) / 2;
  while (i > 0 && start(i) > rank) i--;
  while (start(i + 1) <= rank) i++;
  return [i, i + 1 + rank - start(i)];
}

function balancedPairs(classes: ArrayLike<number>, rng: Rng): { first: Int32Array; second: Int32Array } {
  const n = classes.length;
  const members = new Map<number, number[]>();
  for (let p = 0; p < n; p++) {
    const c = classes[p] as number;
    const list = members.get(c);
    if (list === undefined) members.set(c, [p]);
    else list.push(p);
  }
  const first: number[] = [];
  const second: number[] = [];
  for (let a = 0; a < n; a++) {
    const own = members.get(classes[a] as number) as number[];
    if (own.length >= 2) {
      // uniform over the class members other than a
      let q = rng.int(own.length - 1);
      if (q >= own.indexOf(a)) q++;
      first.push(a);
      second.push(own[q] as number);
    }
    if (own.length < n) {
      // uniform over the positions outside a's class
      let q = rng.int(n - own.length);
      for (const p of own) if (p <= q) q++;
      first.push(a);
      second.push(q);
    }
  }
  return { first: Int32Array.from(first), second: Int32Array.from(second) };
}

function classSizes(classes: ArrayLike<number>): Map<number, number> {
  const size = new Map<number, number>();
  for (let p = 0; p < classes.length; p++) size.set(classes[p] as number, (size.get(classes[p] as number) ?? 0) + 1);
  return size;
}
