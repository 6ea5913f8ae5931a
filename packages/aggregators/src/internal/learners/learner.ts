import type { Rng } from '@crowdlearn/core-matrix';

/** A probabilistic classifier on dense rows, as AALI's base learner. */
export interface Learner {
  /** Fits on `n` rows of `x` (row-major n x d) with classes `y` in 0..K-1. */
  fit(x: Float64Array, y: Int32Array, n: number, d: number, K: number, rng: Rng): void;
  /** Class probabilities of `n` rows (row-major n x K). */
  predictProba(x: Float64Array, n: number): Float64Array;
}

/** Copies the rows `rows` of a row-major matrix. */
export function selectRows(x: Float64Array, d: number, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length * d);
  for (let j = 0; j < rows.length; j++) out.set(x.subarray((rows[j] as number) * d, ((rows[j] as number) + 1) * d), j * d);
  return out;
}
