import { toRng, type RandomSource, type Rng } from './rng.js';

/** How an argmax over classes breaks exact ties: uniformly at random (seeded) or by the lowest class index. */
export type TieBreak = 'random' | 'lowest';

/**
 * Picks the argmax of each row of a row-major N x K matrix, ties broken by
 * `tieBreak` (`'random'` draws among the tied classes from the seed's
 * 'tie-break' fork; `'lowest'` takes the first). The one rule for every method
 * that turns posteriors or scores into labels.
 */
export class RowArgmax {
  readonly #rng: Rng | undefined;

  /** @param seed - a seed or a generator (forked, not advanced). */
  constructor(tieBreak: TieBreak, seed: RandomSource) {
    this.#rng = tieBreak === 'random' ? toRng(seed).fork('tie-break') : undefined;
  }

  /** Argmax of `values[offset .. offset+K-1]`. Values within 1e-12 relative of the max count as tied. */
  pick(values: ArrayLike<number>, offset: number, K: number): number {
    let best = values[offset] as number;
    for (let k = 1; k < K; k++) if ((values[offset + k] as number) > best) best = values[offset + k] as number;
    const slack = Math.abs(best) * 1e-12;
    let first = -1;
    let ties = 0;
    for (let k = 0; k < K; k++) {
      if ((values[offset + k] as number) >= best - slack) {
        if (first < 0) first = k;
        ties++;
      }
    }
    if (ties === 1 || this.#rng === undefined) return first;
    let which = this.#rng.int(ties);
    for (let k = 0; k < K; k++) {
      if ((values[offset + k] as number) >= best - slack && which-- === 0) return k;
    }
    return first;
  }

  /** The argmax of every row. */
  rows(values: ArrayLike<number>, N: number, K: number): Int32Array {
    const out = new Int32Array(N);
    for (let i = 0; i < N; i++) out[i] = this.pick(values, i * K, K);
    return out;
  }
}

/**
 * The argmax of every row of a row-major N x K matrix (see {@link RowArgmax}):
 * ties by the lowest class unless `tieBreak: 'random'` is given with a seed.
 */
export function rowArgmax(values: ArrayLike<number>, N: number, K: number, options: { tieBreak?: TieBreak; seed?: RandomSource } = {}): Int32Array {
  return new RowArgmax(options.tieBreak ?? 'lowest', options.seed ?? 0).rows(values, N, K);
}
