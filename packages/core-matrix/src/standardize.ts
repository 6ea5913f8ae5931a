import { Features } from './features.js';

/** What {@link standardize} returns. */
export interface Standardized {
  /** The standardised features. */
  features: Features;
  /** The statistics that were applied. */
  stats: ColumnStats;
}

/** Per-column statistics used by z-score standardisation. */
export interface ColumnStats {
  /** Column means. */
  mean: Float64Array;
  /** Column standard deviations (population, divisor n). */
  std: Float64Array;
}

/** Options of {@link standardize}. */
export interface StandardizeOptions {
  /** Rows the statistics are computed from (typically the training items). Default: all rows. */
  rows?: ArrayLike<number>;
  /** Use these statistics instead of computing them (to apply training statistics to test data). */
  stats?: ColumnStats;
}

/**
 * Z-score standardisation: `(x - mean) / std` per column, with the statistics
 * taken from the chosen rows. A constant column (std 0) is only centred.
 * Returns the new features and the statistics used.
 */
export function standardize(features: Features, options: StandardizeOptions = {}): Standardized {
  const stats = options.stats ?? columnStats(features, options.rows);
  const { numRows: n, numCols: d, data } = features;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const s = stats.std[j] as number;
      out[i * d + j] = ((data[i * d + j] as number) - (stats.mean[j] as number)) / (s > 0 ? s : 1);
    }
  }
  return { features: new Features(out, n, d, features.columnNames), stats };
}

/** Column means and population standard deviations over `rows` (default all). Two-pass for accuracy. */
export function columnStats(features: Features, rows?: ArrayLike<number>): ColumnStats {
  const d = features.numCols;
  const data = features.data;
  const count = rows === undefined ? features.numRows : rows.length;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  if (count === 0) return { mean, std };
  const rowAt = (p: number) => (rows === undefined ? p : (rows[p] as number));
  for (let p = 0; p < count; p++) {
    const base = rowAt(p) * d;
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (data[base + j] as number);
  }
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / count;
  for (let p = 0; p < count; p++) {
    const base = rowAt(p) * d;
    for (let j = 0; j < d; j++) {
      const dev = (data[base + j] as number) - (mean[j] as number);
      std[j] = (std[j] as number) + dev * dev;
    }
  }
  for (let j = 0; j < d; j++) std[j] = Math.sqrt((std[j] as number) / count);
  return { mean, std };
}
