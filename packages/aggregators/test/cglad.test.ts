/** CGLAD (spark-crowd): GLAD with one difficulty per cluster of items. */
import { describe, expect, it } from 'vitest';
import { accuracy, CrowdLabels } from '@crowdlearn/core-matrix';
import { loadDataset } from '@crowdlearn/datasets';
import { cglad, glad } from '../src/index.js';

describe('CGLAD', () => {
  const rte = loadDataset('rte');

  it('shares one difficulty within each of at most 32 clusters, and is deterministic per seed', () => {
    const r = cglad(rte.labels, { seed: 3 });
    expect(new Set(r.beta).size).toBeLessThanOrEqual(32);
    expect(new Set(r.beta).size).toBeGreaterThan(1);
    expect(Array.from(cglad(rte.labels, { seed: 3 }).posteriors)).toEqual(Array.from(r.posteriors));
    expect(new Set(cglad(rte.labels, { clusters: 4 }).beta).size).toBeLessThanOrEqual(4);
  });

  it("is as accurate as GLAD on RTE and TEMP with far fewer item parameters (within 1 point; measured: RTE 92.75 against GLAD's 92.63, TEMP 94.16 against 93.51)", () => {
    for (const name of ['rte', 'temp']) {
      const d = name === 'rte' ? rte : loadDataset(name);
      expect(Math.abs(accuracy(cglad(d.labels).labels, d.gold!) - accuracy(glad(d.labels).labels, d.gold!)), name).toBeLessThan(0.01);
    }
  });

  it('takes binary labels only, as spark-crowd', () => {
    const three = CrowdLabels.fromArrays({ item: Int32Array.of(0), worker: Int32Array.of(0), label: Int32Array.of(2) });
    expect(() => cglad(three)).toThrow(/cglad takes binary labels/);
  });
});
