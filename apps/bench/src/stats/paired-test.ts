import { fSurvival } from './friedman.js';

/**
 * The two-sided p-value of a paired t-test of `a` against `b` (the same
 * seeds, in the same order): t = mean(d) / (sd(d) / sqrt(n)) for d = a - b,
 * with n - 1 degrees of freedom (t^2 is F(1, n - 1)). 1 when every
 * difference is 0, 0 when they are all the same non-zero value; NaN with
 * fewer than two pairs.
 */
export function pairedTTest(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return Number.NaN;
  const d = Array.from({ length: n }, (_, i) => (a[i] as number) - (b[i] as number));
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const variance = d.reduce((s, x) => s + (x - mean) * (x - mean), 0) / (n - 1);
  if (variance === 0) return mean === 0 ? 1 : 0;
  const t = mean / Math.sqrt(variance / n);
  return fSurvival(t * t, 1, n - 1);
}
