/**
 * The Mersenne Twister MT19937 as NumPy's legacy `RandomState(seed)` runs it
 * (integer seeding by init_genrand, doubles by the 53-bit genrand_res53).
 * Used only to reproduce crowd-kit's fixed starting points exactly; all other
 * randomness in crowdlearn comes from `Rng`.
 */
export class MersenneTwister {
  readonly #mt = new Uint32Array(624);
  #index = 624;

  constructor(seed: number) {
    this.#mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = (this.#mt[i - 1] as number) ^ ((this.#mt[i - 1] as number) >>> 30);
      this.#mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  /** The next 32-bit output. */
  nextUint32(): number {
    const mt = this.#mt;
    if (this.#index >= 624) {
      for (let i = 0; i < 624; i++) {
        const y = ((mt[i] as number) & 0x80000000) | ((mt[(i + 1) % 624] as number) & 0x7fffffff);
        mt[i] = (mt[(i + 397) % 624] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.#index = 0;
    }
    let y = mt[this.#index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1), as NumPy's `random_sample`. */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
