import { CrowdError } from '@crowdlearn/core-matrix';

/** The statistic that estimates the oracle worker's projection (Eq. 8). */
export type CentreEstimator = 'kde' | 'mean' | 'median';

/**
 * How worker weights ω_j = n_j / Σ n enter the estimate:
 * `'none'`; `'scale'` multiplies each worker's vector by ω_j before the
 * statistic (what the reference code does); `'proper'` uses a weighted
 * KDE, mean or median.
 */
export type CentreWeighting = 'none' | 'scale' | 'proper';

/** Options of {@link estimateCentre}. */
export interface CentreOptions {
  /** Default `'kde'` (the paper's best). */
  centre?: CentreEstimator;
  /** Default `'none'`. */
  weighting?: CentreWeighting;
  /** KDE bandwidth h; default Silverman's rule per dimension. */
  bandwidth?: number;
  /** KDE grid points T. Default 100. */
  grid?: number;
}

/**
 * The oracle worker's projection vector (MMLC-owf, Eq. 8 and the
 * renormalisation of §4): a per-dimension statistic of the workers'
 * projection vectors `V` (row-major n x E), renormalised to sum to 1; if the
 * statistic sums to 0 or less, the mean is used instead.
 * @param counts - each worker's number of labels (n_j), for the weights.
 */
export function estimateCentre(V: ArrayLike<number>, numWorkers: number, dim: number, counts: ArrayLike<number>, options: CentreOptions = {}): Float64Array {
  if (numWorkers === 0) throw new CrowdError('INVALID_ARGUMENT', 'no worker vectors to take the centre of');
  const weighting = options.weighting ?? 'none';
  const total = Array.from(counts).reduce((a, b) => a + b, 0);
  const omega = Float64Array.from(counts, (n) => n / total);
  const centre = new Float64Array(dim);
  const column = new Float64Array(numWorkers);
  for (let e = 0; e < dim; e++) {
    for (let j = 0; j < numWorkers; j++) column[j] = (V[j * dim + e] as number) * (weighting === 'scale' ? (omega[j] as number) : 1);
    const w = weighting === 'proper' ? omega : undefined;
    switch (options.centre ?? 'kde') {
      case 'mean':
        centre[e] = weightedMean(column, w);
        break;
      case 'median':
        centre[e] = weightedMedian(column, w);
        break;
      case 'kde':
        centre[e] = kdeMode(column, options.bandwidth ?? silverman(column), options.grid ?? 100, w);
        break;
    }
  }
  const sum = centre.reduce((a, b) => a + b, 0);
  if (sum > 0) return centre.map((v) => v / sum);
  const mean = Float64Array.from({ length: dim }, (_, e) => weightedMean(Float64Array.from({ length: numWorkers }, (_, j) => V[j * dim + e] as number)));
  const meanSum = mean.reduce((a, b) => a + b, 0);
  return mean.map((v) => v / meanSum);
}

/**
 * The mode of a 1-D Gaussian KDE over `T` grid points from min to max of the
 * values (the first maximum). A constant column returns its value.
 */
export function kdeMode(values: ArrayLike<number>, bandwidth: number, grid: number, weights?: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < values.length; j++) {
    lo = Math.min(lo, values[j] as number);
    hi = Math.max(hi, values[j] as number);
  }
  if (!(hi > lo) || grid < 2) return lo;
  const h = bandwidth > 0 ? bandwidth : 1;
  let best = lo;
  let bestDensity = -Infinity;
  for (let g = 0; g < grid; g++) {
    const t = lo + ((hi - lo) * g) / (grid - 1);
    let f = 0;
    for (let j = 0; j < values.length; j++) {
      const z = (t - (values[j] as number)) / h;
      f += (weights === undefined ? 1 : (weights[j] as number)) * Math.exp(-0.5 * z * z);
    }
    if (f > bestDensity) {
      bestDensity = f;
      best = t;
    }
  }
  return best;
}

/** Silverman's rule of thumb, 1.06 σ n^(-1/5) (1 when σ is 0). */
export function silverman(values: ArrayLike<number>): number {
  const n = values.length;
  const mean = weightedMean(values);
  let s = 0;
  for (let j = 0; j < n; j++) s += ((values[j] as number) - mean) ** 2;
  const sd = Math.sqrt(s / Math.max(1, n - 1));
  return sd > 0 ? 1.06 * sd * n ** -0.2 : 1;
}

function weightedMean(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let s = 0;
  let w = 0;
  for (let j = 0; j < values.length; j++) {
    const wj = weights === undefined ? 1 : (weights[j] as number);
    s += wj * (values[j] as number);
    w += wj;
  }
  return w > 0 ? s / w : 0;
}

/** The (lower) weighted median: the smallest value whose cumulative weight reaches half. Unweighted: the usual median. */
function weightedMedian(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  const order = Array.from({ length: values.length }, (_, j) => j).sort((a, b) => (values[a] as number) - (values[b] as number));
  if (weights === undefined) {
    const n = order.length;
    const mid = Math.floor(n / 2);
    return n % 2 === 1 ? (values[order[mid] as number] as number) : ((values[order[mid - 1] as number] as number) + (values[order[mid] as number] as number)) / 2;
  }
  const total = Array.from(weights).reduce((a, b) => a + b, 0);
  let acc = 0;
  for (const j of order) {
    acc += weights[j] as number;
    if (acc >= total / 2) return values[j] as number;
  }
  return values[order[order.length - 1] as number] as number;
}
