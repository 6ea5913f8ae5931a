/** The argmax of each row of a row-major n x K matrix, the lowest class on ties (the spec's rule for model outputs). */
export function argmaxRows(p: ArrayLike<number>, K: number): Int32Array {
  const out = new Int32Array(p.length / K);
  for (let r = 0; r < out.length; r++) {
    let best = 0;
    for (let k = 1; k < K; k++) if ((p[r * K + k] as number) > (p[r * K + best] as number)) best = k;
    out[r] = best;
  }
  return out;
}
