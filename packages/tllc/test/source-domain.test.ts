import { describe, expect, it } from 'vitest';
import { CrowdLabels } from '@crowdlearn/core-matrix';
import { buildSourceDomain } from '../src/index.js';

/** Six items, two classes, three workers (item 5 has a single label). */
function sixItems(): CrowdLabels {
  const rows: [number, number, number][] = [
    [0, 0, 0], [0, 1, 0], [0, 2, 0],
    [1, 0, 0], [1, 1, 0], [1, 2, 1],
    [2, 0, 1], [2, 1, 1], [2, 2, 1],
    [3, 0, 1], [3, 1, 1], [3, 2, 0],
    [4, 0, 0], [4, 1, 1], [4, 2, 1],
    [5, 0, 0],
  ];
  return CrowdLabels.fromArrays(
    { item: Int32Array.from(rows, (r) => r[0]), worker: Int32Array.from(rows, (r) => r[1]), label: Int32Array.from(rows, (r) => r[2]) },
    { numItems: 6, numWorkers: 3, numClasses: 2 },
  );
}

describe('Algorithm 1: the source domain', () => {
  it('computes MV, the class-wise mean thresholds and X_S by hand', () => {
    const s = buildSourceDomain(sixItems());
    expect(Array.from(s.aggregated)).toEqual([0, 0, 1, 1, 1, 0]);
    expect(s.confidence[1]).toBeCloseTo(2 / 3, 12);
    // μ0 = (1 + 2/3 + 1) / 3, μ1 = (1 + 2/3 + 2/3) / 3
    expect(s.threshold[0]).toBeCloseTo(8 / 9, 12);
    expect(s.threshold[1]).toBeCloseTo(7 / 9, 12);
    expect(Array.from(s.items)).toEqual([0, 2, 5]);
    expect(Array.from(s.labels)).toEqual([0, 1, 0]);
    expect(s.filtered).toBe(true);
  });

  it('drops single-label items on request and keeps every item without the filter', () => {
    expect(Array.from(buildSourceDomain(sixItems(), { minLabelsForSource: 2 }).items)).toEqual([0, 2]);
    const all = buildSourceDomain(sixItems(), { useFilter: false });
    expect(Array.from(all.items)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(all.labels)).toEqual([0, 0, 1, 1, 1, 0]);
    expect(all.filtered).toBe(false);
  });

  it('an item exactly at its class mean is in X_S under >= and out under >', () => {
    // every item of class 0 has confidence 1, so μ0 = 1 and all of them sit exactly on it
    const labels = CrowdLabels.fromArrays(
      { item: Int32Array.of(0, 0, 1, 2, 2), worker: Int32Array.of(0, 1, 0, 0, 1), label: Int32Array.of(0, 0, 0, 1, 1) },
      { numItems: 3, numWorkers: 2, numClasses: 2 },
    );
    expect(Array.from(buildSourceDomain(labels).items)).toEqual([0, 1, 2]);
    const strict = buildSourceDomain(labels, { sourceCompare: '>' });
    // nothing passes a strict comparison, so the filter falls back to every item with a warning
    expect(strict.filtered).toBe(false);
    expect(strict.warning).toMatch(/0 class/);
    expect(Array.from(strict.items)).toEqual([0, 1, 2]);
  });

  it('ties follow tieBreak', () => {
    const labels = CrowdLabels.fromArrays(
      { item: Int32Array.of(0, 0), worker: Int32Array.of(0, 1), label: Int32Array.of(1, 0) },
      { numItems: 1, numWorkers: 2, numClasses: 2 },
    );
    expect(buildSourceDomain(labels, { tieBreak: 'lowest' }).aggregated[0]).toBe(0);
    const seen = new Set(Array.from({ length: 20 }, (_, seed) => buildSourceDomain(labels, { seed }).aggregated[0]));
    expect(seen).toEqual(new Set([0, 1]));
    expect(buildSourceDomain(labels, { seed: 3 }).aggregated[0]).toBe(buildSourceDomain(labels, { seed: 3 }).aggregated[0]);
  });

  it('falls back to every item when the filter leaves one class', () => {
    // class 1 items are all uncertain (2 of 3), so μ1 = 2/3 and they pass; make class 1 vanish instead
    const labels = CrowdLabels.fromArrays(
      { item: Int32Array.of(0, 0, 1, 1, 1), worker: Int32Array.of(0, 1, 0, 1, 2), label: Int32Array.of(0, 0, 1, 1, 0) },
      { numItems: 2, numWorkers: 3, numClasses: 2 },
    );
    const s = buildSourceDomain(labels, { sourceCompare: '>' });
    expect(s.filtered).toBe(false);
    expect(s.warning).toBeDefined();
    expect(Array.from(s.items)).toEqual([0, 1]);
  });
});
