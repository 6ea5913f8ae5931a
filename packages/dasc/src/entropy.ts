/**
 * Shannon entropy (natural log) of the distribution `p[offset .. offset+K)`,
 * DASC's confidence score (Eq. 2): lower is more confident. `0 log 0 = 0`.
 */
export function entropy(p: ArrayLike<number>, offset = 0, K = p.length - offset): number {
  let h = 0;
  for (let k = 0; k < K; k++) {
    const q = p[offset + k] as number;
    if (q > 0) h -= q * Math.log(q);
  }
  return h;
}
