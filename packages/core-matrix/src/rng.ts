import { brand, hasBrand } from './brand.js';
import { CrowdError } from './errors.js';
import { portableLog } from './portable-math.js';

/** A seed: any integer, or a string (hashed). */
export type Seed = number | string;

const TWO_POW_32 = 4294967296;

const RNG_BRAND = brand('Rng');

/**
 * The project's seeded pseudo-random number generator: xoshiro128** with
 * 128 bits of state, seeded through a murmur3-finaliser hash of the seed. All randomness in crowdlearn
 * flows from one of these, so the same seed gives the same output.
 *
 * Independent sub-streams come from {@link Rng.fork}: `fork('name')` derives a
 * stream from the seed and the name alone (it does not advance this stream,
 * so it is stable whatever else was drawn), while `fork()` draws the new
 * stream's seed from this one.
 */
export class Rng {
  /** Recognised by every copy of core-matrix: `instanceof` holds across copies (two versions in one install). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, RNG_BRAND);
  }

  /** The mark every copy of core-matrix recognises. */
  readonly [RNG_BRAND] = true;

  #s0 = 0;
  #s1 = 0;
  #s2 = 0;
  #s3 = 0;
  #key: readonly [number, number, number, number];
  #spareNormal: number | undefined;

  /** @param seed - an integer (any safe integer) or a string. */
  constructor(seed: Seed) {
    this.#key = seedWords(seed);
    this.#reset(this.#key);
  }

  #reset(words: readonly [number, number, number, number]): void {
    [this.#s0, this.#s1, this.#s2, this.#s3] = words;
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 0x9e3779b9;
    this.#spareNormal = undefined;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s1 = this.#s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** A uniform double in `[lo, hi)` (default `[0, 1)`), with 53 random bits. */
  uniform(lo = 0, hi = 1): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    const u = (a * 67108864 + b) / 9007199254740992;
    return lo + (hi - lo) * u;
  }

  /**
   * Fills `out` with the doubles that `out.length` calls of `uniform()` would
   * give, in order, at a fraction of the cost (the state stays in locals):
   * for dropout masks and other bulk draws on a training step's path.
   */
  fillUniform(out: Float64Array): Float64Array {
    let s0 = this.#s0;
    let s1 = this.#s1;
    let s2 = this.#s2;
    let s3 = this.#s3;
    for (let j = 0; j < out.length; j++) {
      // two xoshiro128** steps per double, exactly as nextUint32() twice in uniform()
      let high = 0;
      for (let half = 0; half < 2; half++) {
        const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotl(s3, 11);
        if (half === 0) high = result >>> 5;
        else out[j] = (high * 67108864 + (result >>> 6)) / 9007199254740992;
      }
    }
    this.#s0 = s0;
    this.#s1 = s1;
    this.#s2 = s2;
    this.#s3 = s3;
    return out;
  }

  /** A uniform integer in `[0, n)`, without modulo bias. `n` must be a positive integer up to 2^32. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > TWO_POW_32) {
      throw new CrowdError('INVALID_ARGUMENT', 'Rng.int needs a bound in [1, 2^32]', { found: String(n) });
    }
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** True with probability `p`. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** A normal deviate (Box-Muller, polar form). */
  normal(mean = 0, sd = 1): number {
    if (this.#spareNormal !== undefined) {
      const z = this.#spareNormal;
      this.#spareNormal = undefined;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.uniform(-1, 1);
      v = this.uniform(-1, 1);
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * portableLog(s)) / s);
    this.#spareNormal = v * f;
    return mean + sd * u * f;
  }

  /** Shuffles `array` in place (Fisher-Yates) and returns it. */
  shuffle<T extends ArrayLike<unknown> & { [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A uniformly random permutation of `0..n-1`. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /**
   * `k` distinct integers drawn uniformly from `0..n-1` without replacement,
   * in random order. O(k) memory when k is small against n.
   */
  sample(n: number, k: number): Int32Array {
    if (!Number.isInteger(k) || k < 0 || k > n) {
      throw new CrowdError('INVALID_ARGUMENT', 'cannot sample more than the population', {
        expected: `0 <= k <= ${n}`,
        found: String(k),
      });
    }
    const out = new Int32Array(k);
    if (k * 4 >= n) {
      const p = new Int32Array(n);
      for (let i = 0; i < n; i++) p[i] = i;
      for (let i = 0; i < k; i++) {
        const j = i + this.int(n - i);
        const tmp = p[i] as number;
        p[i] = p[j] as number;
        p[j] = tmp;
        out[i] = p[i] as number;
      }
      return out;
    }
    // Sparse Fisher-Yates: only the swapped positions are stored.
    const swapped = new Map<number, number>();
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const atJ = swapped.get(j) ?? j;
      const atI = swapped.get(i) ?? i;
      swapped.set(j, atI);
      out[i] = atJ;
    }
    return out;
  }

  /** An index drawn with probability proportional to `weights[index]` (non-negative, not all zero). */
  weightedChoice(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw new CrowdError('INVALID_ARGUMENT', `weight ${i} is not a finite non-negative number`, { found: String(w) });
      }
      total += w;
    }
    if (total <= 0) throw new CrowdError('INVALID_ARGUMENT', 'weights are all zero');
    let x = this.uniform() * total;
    let last = -1;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      if (w > 0) {
        last = i;
        if (x < w) return i;
        x -= w;
      }
    }
    return last; // floating-point rounding left x just past the end
  }

  /**
   * An independent sub-stream. With a `label`, derived from this generator's
   * seed and the label only (does not advance this stream). Without one, its
   * seed is drawn from this stream.
   */
  fork(label?: Seed): Rng {
    let words: [number, number, number, number];
    if (label === undefined) {
      words = mixWords([this.nextUint32(), this.nextUint32(), this.nextUint32(), this.nextUint32()]);
    } else {
      const l = seedWords(label);
      const k = this.#key;
      words = mixWords([k[0] ^ l[0], (k[1] + l[1]) | 0, k[2] ^ rotl(l[2], 13), (k[3] + rotl(l[3], 7)) | 0]);
    }
    const child = new Rng(0);
    child.#key = words;
    child.#reset(words);
    return child;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The murmur3 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes any number of 32-bit words into four well-mixed state words (splitmix-style sequence). */
function mixWords(input: readonly number[]): [number, number, number, number] {
  let h = 0x9747b28c;
  input.forEach((w, i) => {
    h = fmix32(h ^ fmix32((w + Math.imul(i + 1, 0x9e3779b9)) | 0));
  });
  const out: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) out[i] = fmix32((h + Math.imul(i + 1, 0x9e3779b9)) | 0);
  return out;
}

function seedWords(seed: Seed): [number, number, number, number] {
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed)) {
      throw new CrowdError('INVALID_ARGUMENT', 'a numeric seed must be a safe integer', { found: String(seed) });
    }
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) | 0;
    return mixWords([lo, hi, 0x51ed270b, 0x2f1b9a3c]);
  }
  if (typeof seed !== 'string') {
    // Reached from JavaScript callers that omit a required seed.
    throw new CrowdError('INVALID_ARGUMENT', 'a seed must be a safe integer or a string', { found: String(seed) });
  }
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return mixWords([h1, h2, seed.length, 0x6a09e667]);
}

/** Either a seed or a generator to draw from: what every randomised function accepts. */
export type RandomSource = Seed | Rng;

/** The generator for a {@link RandomSource}: the Rng itself, or a new one from the seed. */
export function toRng(source: RandomSource): Rng {
  return source instanceof Rng ? source : new Rng(source);
}
