/**
 * Krippendorff's alpha against Krippendorff's own worked example ("Computing Krippendorff's
 * Alpha-Reliability", 2011, section C: 4 observers, 12 units, missing values): nominal
 * alpha = .743 and interval alpha = .849 there; exactly 113/152 and 951/1120 by the formula.
 */
import { describe, expect, it } from 'vitest';
import { CrowdLabels, describeCrowd, itemUncertainty, krippendorffAlpha, type Observation } from '../src/index.js';

const OBSERVERS: Record<string, (number | null)[]> = {
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
};

function reliabilityData(): CrowdLabels {
  const rows: Observation[] = [];
  for (const [worker, values] of Object.entries(OBSERVERS)) {
    values.forEach((v, u) => {
      if (v !== null) rows.push({ item: `unit${u + 1}`, worker, label: v });
    });
  }
  return CrowdLabels.fromObservations(rows);
}

describe("Krippendorff's alpha", () => {
  it("reproduces Krippendorff's worked example, nominal and interval", () => {
    const labels = reliabilityData();
    expect(krippendorffAlpha(labels)).toBeCloseTo(113 / 152, 12);
    expect(krippendorffAlpha(labels).toFixed(3)).toBe('0.743');
    expect(krippendorffAlpha(labels, { metric: 'interval' })).toBeCloseTo(951 / 1120, 12);
    expect(krippendorffAlpha(labels, { metric: 'interval' }).toFixed(3)).toBe('0.849');
    const stats = describeCrowd(labels);
    expect(stats.krippendorffAlpha).toBeCloseTo(113 / 152, 12);
    expect(stats.krippendorffAlphaInterval).toBeCloseTo(951 / 1120, 12);
  });

  it('does not depend on the order of rows, workers or class names', () => {
    const rows: Observation[] = [];
    for (const [worker, values] of Object.entries(OBSERVERS).reverse()) {
      values.forEach((v, u) => {
        if (v !== null) rows.unshift({ item: `u${12 - u}`, worker: `w-${worker}`, label: `class ${v}` });
      });
    }
    expect(krippendorffAlpha(CrowdLabels.fromObservations(rows))).toBeCloseTo(113 / 152, 12);
  });

  it('is 1 for perfect agreement, NaN without pairable labels, and below 0 for systematic disagreement', () => {
    const agree = CrowdLabels.fromObservations([
      { item: 'a', worker: 'x', label: 'cat' },
      { item: 'a', worker: 'y', label: 'cat' },
      { item: 'b', worker: 'x', label: 'dog' },
      { item: 'b', worker: 'y', label: 'dog' },
    ]);
    expect(krippendorffAlpha(agree)).toBe(1);
    const single = CrowdLabels.fromObservations([
      { item: 'a', worker: 'x', label: 'cat' },
      { item: 'b', worker: 'y', label: 'dog' },
    ]);
    expect(krippendorffAlpha(single)).toBeNaN();
    const disagree = CrowdLabels.fromObservations([
      { item: 'a', worker: 'x', label: 'cat' },
      { item: 'a', worker: 'y', label: 'dog' },
      { item: 'b', worker: 'x', label: 'dog' },
      { item: 'b', worker: 'y', label: 'cat' },
    ]);
    // o_cd = o_dc = 2, n = 4: alpha = 1 - 3 * 4 / 8 = -0.5
    expect(krippendorffAlpha(disagree)).toBeCloseTo(-0.5, 12);
  });

  it('refuses interval alpha on classes that are not numbers, naming the class', () => {
    const words = CrowdLabels.fromObservations([
      { item: 'a', worker: 'x', label: 'cat' },
      { item: 'a', worker: 'y', label: 'dog' },
      { item: 'b', worker: 'x', label: 'dog' },
      { item: 'b', worker: 'y', label: 'cat' },
    ]);
    expect(() => krippendorffAlpha(words, { metric: 'interval' })).toThrow(/classes that are numbers.*"cat"/);
    // with two classes the interval metric is the nominal one scaled, and alpha does not see the scale
    expect(krippendorffAlpha(words, { metric: 'interval', values: [0, 2] })).toBeCloseTo(-0.5, 12);
    expect(describeCrowd(words).krippendorffAlphaInterval).toBeUndefined();
  });
});

describe('itemUncertainty', () => {
  it("is the entropy of each item's label distribution", () => {
    const labels = CrowdLabels.fromObservations([
      { item: 'a', worker: 'x', label: 'cat' },
      { item: 'a', worker: 'y', label: 'cat' },
      { item: 'b', worker: 'x', label: 'cat' },
      { item: 'b', worker: 'y', label: 'dog' },
      { item: 'c', worker: 'x', label: 'cat' },
      { item: 'c', worker: 'y', label: 'dog' },
      { item: 'c', worker: 'z', label: 'dog' },
    ]);
    const u = itemUncertainty(labels);
    expect(u[0]).toBe(0);
    expect(u[1]).toBeCloseTo(Math.LN2, 15);
    expect(u[2]).toBeCloseTo(-(1 / 3) * Math.log(1 / 3) - (2 / 3) * Math.log(2 / 3), 15);
  });
});
