/**
 * Euclidean projection of `v` onto the probability simplex {w >= 0, Σ w = 1},
 * in place (Duchi et al. 2008: sort, find the threshold, clip).
 */
export function projectOntoSimplex(v: Float64Array): void {
  const n = v.length;
  const sorted = Float64Array.from(v).sort().reverse();
  let cumulative = 0;
  let theta = 0;
  for (let j = 0; j < n; j++) {
    cumulative += sorted[j] as number;
    const t = (cumulative - 1) / (j + 1);
    if ((sorted[j] as number) - t > 0) theta = t;
  }
  for (let j = 0; j < n; j++) v[j] = Math.max((v[j] as number) - theta, 0);
}
