import { describe, expect, it } from 'vitest';
import { CrowdLabels, Features, Origin } from '@crowdlearn/core-matrix';
import { simulateCrowd } from '@crowdlearn/datasets';
import { completeWslc } from '../src/index.js';
import { pearson } from '../src/internal/pearson.js';

function crowd(rows: [number, number, number][], numItems: number, numWorkers: number, numClasses = 2): CrowdLabels {
  return CrowdLabels.fromArrays(
    { item: Int32Array.from(rows, (r) => r[0]), worker: Int32Array.from(rows, (r) => r[1]), label: Int32Array.from(rows, (r) => r[2]) },
    { numItems, numWorkers, numClasses },
  );
}

describe('WSLC', () => {
  it('Pearson correlation is exact, and 0 when a variance is 0', () => {
    const x = [1, 2, 3, 4];
    expect(pearson(4, (p) => x[p]!, (p) => 2 * x[p]! + 1)).toBeCloseTo(1, 12);
    expect(pearson(4, (p) => x[p]!, (p) => -x[p]!)).toBeCloseTo(-1, 12);
    expect(pearson(4, (p) => x[p]!, () => 3)).toBe(0);
    expect(pearson(1, () => 1, () => 2)).toBe(0);
    const y = [1, 0, 0, 1];
    // mean x 2.5, mean y 0.5: sxy = 0, so ρ = 0
    expect(pearson(4, (p) => x[p]!, (p) => y[p]!)).toBeCloseTo(0, 12);
  });

  // Six items with two numeric attributes. Workers 0 and 1 give class 1 to the
  // items with a high first attribute, worker 2 to those with a high second one.
  // (The worker vector does not change when a worker's classes are permuted,
  // and it vanishes for a balanced binary worker, so the toy avoids both.)
  const features = new Features(Float32Array.of(0, 5, 1, 3, 2, 1, 3, 0, 4, 2, 5, 4), 6, 2);
  const rows: [number, number, number][] = [];
  [0, 0, 0, 0, 1, 1].forEach((l, i) => rows.push([i, 0, l]));
  [0, 0, 0, 0, 1].forEach((l, i) => rows.push([i, 1, l]));
  [1, 1, 0, 0, 0, 0].forEach((l, i) => rows.push([i, 2, l]));
  const toy = crowd(rows, 6, 3);

  it("a worker's missing cell follows its most similar worker", () => {
    const result = completeWslc(toy, features);
    const sim = result.similarity;
    expect(sim[1 * 3 + 0]).toBeGreaterThan(sim[1 * 3 + 2]!);
    expect(result.completed).toBe(1);
    const e = result.labels.findLabel(5, 1);
    expect(result.labels.label[e]).toBe(1); // worker 0's label, not worker 2's 0
    expect(result.labels.originOf(e)).toBe(Origin.Completed);
  });

  it('similarity is in [0, 1], symmetric, with a zero diagonal', () => {
    const sim = simulateCrowd({ numItems: 120, numWorkers: 12, featureDim: 6, participation: [0.1, 0.4] }, 2);
    const { similarity } = completeWslc(sim.labels, sim.features!);
    for (let r = 0; r < 12; r++) {
      expect(similarity[r * 12 + r]).toBe(0);
      for (let s = 0; s < 12; s++) {
        const v = similarity[r * 12 + s]!;
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(v).toBe(similarity[s * 12 + r]);
      }
    }
  });

  it('fills every missing cell, never touches an observed label, and skips on request', () => {
    const sim = simulateCrowd({ numItems: 80, numWorkers: 10, numClasses: 3, featureDim: 5, participation: [0.1, 0.4] }, 4);
    const labels = sim.labels;
    const full = completeWslc(labels, sim.features!);
    expect(full.labels.numLabels).toBe(80 * 10);
    expect(full.completed).toBe(800 - labels.numLabels);
    for (let e = 0; e < labels.numLabels; e++) {
      const f = full.labels.findLabel(labels.item[e]!, labels.worker[e]!);
      expect(full.labels.label[f]).toBe(labels.label[e]);
      expect(full.labels.originOf(f)).toBe(Origin.Observed);
    }
    const skip = completeWslc(labels, sim.features!, { allZero: 'skip', numK: 2 });
    expect(skip.completed + skip.skipped).toBe(800 - labels.numLabels);
    expect(skip.skipped).toBeGreaterThan(0);
  });

  it('a worker with fewer than 2 labels is similar to nobody and its cells follow allZero', () => {
    // worker 2 has one label: zero vector; item 0 was labelled 1 by both others
    const labels = crowd([[0, 0, 1], [0, 1, 1], [1, 0, 0], [1, 1, 0], [2, 0, 1], [2, 1, 1], [1, 2, 1]], 3, 3);
    const f = new Features(Float32Array.of(1, 0, 2), 3, 1);
    const result = completeWslc(labels, f);
    expect(Array.from(result.workerVectors.subarray(2, 3))).toEqual([0]);
    expect(result.similarity[2 * 3 + 0]).toBe(0);
    const cell = (res: ReturnType<typeof completeWslc>) => res.labels.label[res.labels.findLabel(0, 2)];
    expect(cell(result)).toBe(0); // 'class0', as the reference code
    expect(cell(completeWslc(labels, f, { allZero: 'mv' }))).toBe(1);
    expect(completeWslc(labels, f, { allZero: 'skip' }).labels.findLabel(0, 2)).toBe(-1);
  });

  it('correlates nominal attributes value by value', () => {
    // the nominal attribute determines worker 0's and 1's labels; numeric noise beside it
    const colour = ['red', 'red', 'blue', 'blue', 'red', 'blue'];
    const labels = crowd(
      [[0, 0, 0], [1, 0, 0], [2, 0, 1], [3, 0, 1], [0, 1, 0], [2, 1, 1], [4, 1, 0], [5, 1, 1], [1, 2, 1], [3, 2, 0], [4, 2, 1]],
      6,
      3,
    );
    const result = completeWslc(labels, [
      { kind: 'nominal', name: 'colour', values: colour },
      { kind: 'numeric', name: 'size', values: [3, 1, 4, 1, 5, 9] },
    ]);
    // worker 0: P(red, 0) = 1/2 with ρ(1[red], 1[l=0]) = 1, and the same for blue and class 1: w = 1
    expect(result.workerVectors[0]).toBeCloseTo(1, 12);
    expect(result.similarity[0 * 3 + 1]).toBeGreaterThan(result.similarity[0 * 3 + 2]!);
    expect(() => completeWslc(labels, [{ kind: 'nominal', name: 'c', values: colour, categories: ['red'] }])).toThrow(/categories/);
  });
});
