/**
 * The MMLC initial confusion: `diagonal` on the diagonal and
 * `(1 - diagonal)/(K-1)` elsewhere, for every worker (R x K x K).
 */
export function diagonalConfusion(R: number, K: number, diagonal: number): Float64Array {
  const c = new Float64Array(R * K * K);
  for (let r = 0; r < R; r++) {
    for (let k = 0; k < K; k++) {
      for (let l = 0; l < K; l++) c[(r * K + k) * K + l] = k === l ? diagonal : (1 - diagonal) / (K - 1);
    }
  }
  return c;
}
