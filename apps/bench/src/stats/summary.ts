/** Mean and sample standard deviation (n - 1; NaN for one value). */
export function meanAndSd(values: readonly number[]): { mean: number; std: number; n: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const std = n < 2 ? Number.NaN : Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return { mean, std, n };
}
