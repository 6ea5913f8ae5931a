/** What {@link kMeans} returns. */
export interface KMeansResult {
  /** Cluster of each point. */
  assignment: Int32Array;
  /** Final centroids, row-major (clusters x d). */
  centroids: Float64Array;
  /** Iterations run. */
  iterations: number;
  /** Whether an iteration changed no assignment (false when `maxIterations` stopped it). */
  converged: boolean;
}

/**
 * Lloyd's k-means with given initial centroids (Euclidean distance, ties to
 * the lower cluster index, an emptied cluster keeps its centroid), until no
 * assignment changes or `maxIterations`.
 * @param points - row-major n x d.
 */
export function kMeans(points: Float64Array, n: number, d: number, initial: Float64Array, maxIterations: number): KMeansResult {
  const k = initial.length / d;
  const centroids = initial.slice();
  const assignment = new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDist = Infinity;
      for (let c = 0; c < k; c++) {
        let dist = 0;
        for (let j = 0; j < d; j++) dist += ((points[i * d + j] as number) - (centroids[c * d + j] as number)) ** 2;
        if (dist < bestDist) {
          bestDist = dist;
          best = c;
        }
      }
      if (assignment[i] !== best) {
        assignment[i] = best;
        changed = true;
      }
    }
    if (!changed) {
      converged = true;
      break;
    }
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignment[i] as number;
      counts[c]!++;
      for (let j = 0; j < d; j++) sums[c * d + j]! += points[i * d + j] as number;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let j = 0; j < d; j++) centroids[c * d + j] = (sums[c * d + j] as number) / (counts[c] as number);
    }
  }
  return { assignment, centroids, iterations, converged };
}
