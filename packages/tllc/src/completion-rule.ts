/** Which class an item not labelled by a worker gets in that worker's embedding space (Algorithm 3, Eq. 19). */
export type CompletionRule =
  /**
   * The nearest class centroid, completed only if the item lies within that
   * class's radius (the default; spec Part C: the best rule measured).
   */
  | 'nearestIfWithinRadius'
  /** The literal Algorithm 3: the first class in index order whose radius holds the item. */
  | 'firstWithinRadius'
  /** Among the classes whose radius holds the item, the nearest. */
  | 'nearestWithinRadius'
  /** The nearest centroid, ignoring radii: fills every cell (an ablation only). */
  | 'nearest';

/** How a class's radius is taken from its members' distances to the centroid (Eq. 17). */
export type RadiusRule = 'mean' | 'max';

/** One worker's classes in its embedding space. */
export interface ClassGeometry {
  /** Embedding dimension m. */
  dim: number;
  /** Centroid of each class (Eq. 16), row-major K x m; NaN for a class the worker never used. */
  centroids: Float64Array;
  /** Radius of each class (Eq. 17); NaN for an unused class. */
  radii: Float64Array;
  /** Items the worker gave each class. */
  counts: Int32Array;
}

/**
 * Centroids and radii of a worker's classes (Eqs. 16-17) from the
 * embeddings (row-major, m columns) of the items it labelled.
 */
export function classGeometry(
  embeddings: Float32Array,
  dim: number,
  items: ArrayLike<number>,
  labels: ArrayLike<number>,
  numClasses: number,
  radius: RadiusRule,
): ClassGeometry {
  const centroids = new Float64Array(numClasses * dim);
  const counts = new Int32Array(numClasses);
  for (let p = 0; p < items.length; p++) {
    const q = labels[p] as number;
    const base = (items[p] as number) * dim;
    counts[q]!++;
    for (let t = 0; t < dim; t++) centroids[q * dim + t]! += embeddings[base + t] as number;
  }
  for (let q = 0; q < numClasses; q++) {
    const c = counts[q] as number;
    for (let t = 0; t < dim; t++) centroids[q * dim + t] = c > 0 ? (centroids[q * dim + t] as number) / c : Number.NaN;
  }
  const radii = new Float64Array(numClasses);
  for (let p = 0; p < items.length; p++) {
    const q = labels[p] as number;
    const dist = distanceTo(embeddings, (items[p] as number) * dim, centroids, q * dim, dim);
    radii[q] = radius === 'max' ? Math.max(radii[q] as number, dist) : (radii[q] as number) + dist / (counts[q] as number);
  }
  for (let q = 0; q < numClasses; q++) if (counts[q] === 0) radii[q] = Number.NaN;
  return { dim, centroids, radii, counts };
}

/**
 * The class an embedded item is completed with under `rule`, or -1 to leave
 * the cell empty. Eq. 19: class q can be chosen when `d_iq <= max(radius_q,
 * minRadius)`. A class without a centroid is never chosen.
 * @param embeddings - row-major embeddings; the item's starts at `offset`.
 */
export function chooseClass(
  embeddings: Float32Array,
  offset: number,
  geometry: ClassGeometry,
  rule: CompletionRule,
  minRadius: number,
): number {
  const K = geometry.counts.length;
  let nearest = -1;
  let nearestDist = Infinity;
  let nearestInside = -1;
  let nearestInsideDist = Infinity;
  for (let q = 0; q < K; q++) {
    if (geometry.counts[q] === 0) continue;
    const dist = distanceTo(embeddings, offset, geometry.centroids, q * geometry.dim, geometry.dim);
    const inside = dist <= Math.max(geometry.radii[q] as number, minRadius);
    if (inside && rule === 'firstWithinRadius') return q;
    if (dist < nearestDist) {
      nearestDist = dist;
      nearest = q;
    }
    if (inside && dist < nearestInsideDist) {
      nearestInsideDist = dist;
      nearestInside = q;
    }
  }
  switch (rule) {
    case 'nearest':
      return nearest;
    case 'nearestWithinRadius':
      return nearestInside;
    case 'nearestIfWithinRadius':
      return nearest >= 0 && nearest === nearestInside ? nearest : -1;
    default:
      return -1;
  }
}

function distanceTo(a: Float32Array, aOffset: number, b: Float64Array, bOffset: number, dim: number): number {
  let s = 0;
  for (let t = 0; t < dim; t++) {
    const diff = (a[aOffset + t] as number) - (b[bOffset + t] as number);
    s += diff * diff;
  }
  return Math.sqrt(s);
}
