import { describe, expect, it } from 'vitest';
import { estimateCentre, kdeMode, silverman } from '../src/index.js';

describe('owf centre estimators (spec §4)', () => {
  it('KDE mode of {0, 0, 0, 1} with h = 0.1 on 11 grid points is 0; a constant column returns its value', () => {
    expect(kdeMode([0, 0, 0, 1], 0.1, 11)).toBe(0);
    expect(kdeMode([0.3, 0.3, 0.3], 0.1, 11)).toBe(0.3);
    // weights move the mode to the heavy value
    expect(kdeMode([0, 0, 0, 1], 0.1, 11, [0.1, 0.1, 0.1, 0.7])).toBe(1);
  });

  it('mean and median are per dimension, then renormalised to sum to 1', () => {
    // 3 workers x 2 dimensions
    const V = [0.2, 0.8, 0.4, 0.6, 0.9, 0.1];
    const counts = [1, 1, 1];
    const mean = estimateCentre(V, 3, 2, counts, { centre: 'mean' });
    expect(mean[0]).toBeCloseTo(0.5, 12);
    expect(mean[1]).toBeCloseTo(0.5, 12);
    // medians 0.4 and 0.6 → already sum to 1
    const median = estimateCentre(V, 3, 2, counts, { centre: 'median' });
    expect(median[0]).toBeCloseTo(0.4, 12);
    expect(median[1]).toBeCloseTo(0.6, 12);
    const kde = estimateCentre(V, 3, 2, counts, { centre: 'kde', bandwidth: 0.05, grid: 3 });
    expect(kde[0]! + kde[1]!).toBeCloseTo(1, 12);
  });

  it("weights ω_j = n_j / Σ n: 'scale' multiplies the rows (the code), 'proper' weights the statistic", () => {
    const V = [0.2, 0.8, 0.4, 0.6, 0.9, 0.1];
    const counts = [1, 1, 8];
    // scale: rows x (0.1, 0.1, 0.8) → means (0.02 + 0.04 + 0.72) / 3 and (0.08 + 0.06 + 0.08) / 3, renormalised
    const scaled = estimateCentre(V, 3, 2, counts, { centre: 'mean', weighting: 'scale' });
    expect(scaled[0]).toBeCloseTo(0.78 / 1.0, 12);
    expect(scaled[1]).toBeCloseTo(0.22 / 1.0, 12);
    // proper: the weighted median is the heavy worker's vector
    const proper = estimateCentre(V, 3, 2, counts, { centre: 'median', weighting: 'proper' });
    expect(proper[0]).toBeCloseTo(0.9, 12);
    expect(proper[1]).toBeCloseTo(0.1, 12);
  });

  it('falls back to the mean when the statistic sums to 0 (a KDE mode at 0 in every dimension)', () => {
    const V = [0, 0, 0, 0, 0, 0, 1, 1];
    const centre = estimateCentre(V, 4, 2, [1, 1, 1, 1], { centre: 'kde', bandwidth: 0.1, grid: 11 });
    expect(Array.from(centre)).toEqual([0.5, 0.5]);
  });

  it("Silverman's bandwidth is 1.06 σ n^(-1/5)", () => {
    const values = [1, 2, 3, 4, 5];
    expect(silverman(values)).toBeCloseTo(1.06 * Math.sqrt(2.5) * 5 ** -0.2, 12);
    expect(silverman([2, 2])).toBe(1);
  });
});
