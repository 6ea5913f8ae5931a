/**
 * Pearson correlation of `x` and `y` over positions `0..n-1` of two
 * accessors; 0 when either variance is 0 (WSLC's rule, spec B.2).
 */
export function pearson(n: number, x: (p: number) => number, y: (p: number) => number): number {
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (let p = 0; p < n; p++) {
    mx += x(p);
    my += y(p);
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let p = 0; p < n; p++) {
    const dx = x(p) - mx;
    const dy = y(p) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // relative guard: a column constant up to rounding has no variance
  if (sxx <= 1e-24 * n || syy <= 1e-24 * n) return 0;
  return sxy / Math.sqrt(sxx * syy);
}
