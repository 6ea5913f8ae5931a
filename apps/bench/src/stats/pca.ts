/**
 * The first two principal components of the rows of a row-major n x d
 * matrix (centred), by power iteration with deflation: the 2-D coordinates
 * of each row, and of any extra points projected on the same axes. For
 * scatter plots of low-dimensional vectors (MMLC's worker projections).
 */
export function principalPlane(rows: ArrayLike<number>, n: number, d: number, extra: ArrayLike<number>[] = []): { coords: [number, number][]; extraCoords: [number, number][] } {
  const mean = new Float64Array(d);
  for (let j = 0; j < n; j++) for (let e = 0; e < d; e++) mean[e]! += (rows[j * d + e] as number) / n;
  const centred = (v: (e: number) => number) => Float64Array.from({ length: d }, (_, e) => v(e) - (mean[e] as number));
  const X = Array.from({ length: n }, (_, j) => centred((e) => rows[j * d + e] as number));
  const cov = new Float64Array(d * d);
  for (const x of X) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b]! += ((x[a] as number) * (x[b] as number)) / Math.max(1, n - 1);
  const axes: Float64Array[] = [];
  for (let c = 0; c < 2; c++) {
    // a fixed, non-degenerate start keeps the plot deterministic
    let v = Float64Array.from({ length: d }, (_, e) => 1 + e / d);
    for (let it = 0; it < 200; it++) {
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) w[a]! += (cov[a * d + b] as number) * (v[b] as number);
      for (const u of axes) {
        const dot = w.reduce((s, x, e) => s + x * (u[e] as number), 0);
        for (let e = 0; e < d; e++) w[e]! -= dot * (u[e] as number);
      }
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      v = w.map((x) => x / norm);
    }
    axes.push(v);
  }
  const project = (x: Float64Array): [number, number] => [0, 1].map((c) => x.reduce((s, xe, e) => s + xe * (axes[c]![e] as number), 0)) as [number, number];
  return { coords: X.map(project), extraCoords: extra.map((p) => project(centred((e) => p[e] as number))) };
}
