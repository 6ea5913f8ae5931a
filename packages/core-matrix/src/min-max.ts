/**
 * Rescales each column of a row-major n x d matrix to [0, 1] in place
 * (x − min) / (max − min); a constant column becomes 0.
 */
export function minMaxColumns(values: Float64Array, n: number, d: number): void {
  for (let j = 0; j < d; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let p = 0; p < n; p++) {
      lo = Math.min(lo, values[p * d + j] as number);
      hi = Math.max(hi, values[p * d + j] as number);
    }
    for (let p = 0; p < n; p++) values[p * d + j] = hi > lo ? ((values[p * d + j] as number) - lo) / (hi - lo) : 0;
  }
}
