/** a · b over the whole of a. */
export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j] as number) * (b[j] as number);
  return sum;
}

/** a[offset .. offset + n) · b[0 .. n). */
export function dotAt(a: Float64Array, offset: number, b: Float64Array, n: number): number {
  let sum = 0;
  for (let j = 0; j < n; j++) sum += (a[offset + j] as number) * (b[j] as number);
  return sum;
}

/** The largest |a_j|. */
export function maxAbs(a: Float64Array): number {
  let largest = 0;
  for (let j = 0; j < a.length; j++) largest = Math.max(largest, Math.abs(a[j] as number));
  return largest;
}
