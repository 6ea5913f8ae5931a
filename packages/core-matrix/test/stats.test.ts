import { describe, expect, it } from 'vitest';
import {
  annotationClassCounts,
  chiSquareQuantile,
  logGamma,
  regularizedGammaP,
  annotationImbalanceRatio,
  density,
  describeCrowd,
  entropy,
  goldClassCounts,
  goldImbalanceRatio,
  imbalanceRatio,
  labelsPerItem,
  labelsPerWorker,
  missingProportion,
  summarise,
  workerAccuracy,
} from '../src/index.js';
import { smallMatrix } from './fixtures.js';

describe('statistics on the small matrix', () => {
  const { labels, gold } = smallMatrix();

  it('counts density and labels per item and worker', () => {
    expect(density(labels)).toBe(0.5);
    expect(missingProportion(labels)).toBe(0.5);
    expect(Array.from(labelsPerItem(labels))).toEqual([3, 2, 1, 0]);
    expect(Array.from(labelsPerWorker(labels))).toEqual([2, 2, 2]);
  });

  it('counts classes and imbalance ratios', () => {
    expect(Array.from(annotationClassCounts(labels))).toEqual([2, 4]);
    expect(annotationImbalanceRatio(labels)).toBe(2);
    expect(Array.from(goldClassCounts(gold))).toEqual([1, 2]);
    expect(goldImbalanceRatio(gold)).toBe(2);
    expect(imbalanceRatio([3, 0])).toBe(Infinity);
    expect(imbalanceRatio([])).toBeNaN();
  });

  it('computes per-worker accuracy against gold', () => {
    const wa = workerAccuracy(labels, gold);
    expect(Array.from(wa.correct)).toEqual([2, 2, 1]);
    expect(Array.from(wa.judged)).toEqual([2, 2, 2]);
    expect(Array.from(wa.accuracy)).toEqual([1, 1, 0.5]);
  });

  it('describes the whole matrix, unlabelled items included', () => {
    const s = describeCrowd(labels, gold);
    expect(s).toMatchObject({
      items: 4,
      workers: 3,
      labels: 6,
      classes: 2,
      itemsWithoutLabels: 1,
      workersWithoutLabels: 0,
      labelsPerItem: { min: 0, max: 3, mean: 1.5, median: 1.5 },
      annotationClassCounts: [2, 4],
    });
    expect(s.gold?.items).toBe(3);
    expect(s.gold?.meanWorkerAccuracy).toBeCloseTo(5 / 6, 12);
    expect(s.gold?.sdWorkerAccuracy).toBeCloseTo(Math.sqrt(((1 / 6) ** 2 * 2 + (1 / 3) ** 2) / 2), 12);
    expect(s.gold?.labelAccuracy).toBeCloseTo(5 / 6, 12);
  });

  it('summarises odd and empty lists', () => {
    expect(summarise([5, 1, 3])).toEqual({ min: 1, max: 5, mean: 3, median: 3 });
    expect(summarise([])).toEqual({ min: 0, max: 0, mean: 0, median: 0 });
  });
});

describe('entropy', () => {
  it('matches hand values, with 0 log 0 = 0', () => {
    expect(entropy([1, 0, 0])).toBe(0);
    expect(entropy([0.5, 0.5])).toBeCloseTo(Math.log(2), 12);
    expect(entropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(Math.log(4), 12);
    expect(entropy([0.7, 0.2, 0.1])).toBeCloseTo(-(0.7 * Math.log(0.7) + 0.2 * Math.log(0.2) + 0.1 * Math.log(0.1)), 12);
    expect(entropy([9, 0.5, 0.5, 9], 1, 2)).toBeCloseTo(Math.log(2), 12);
  });
});

describe('chi-square quantiles', () => {
  it('log-gamma at integers and halves', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 11);
  });

  it("match the printed table the truth-inference framework's CATD reads (lower 2.5% points, to its 2 decimals)", () => {
    // df: the 0.975 column (upper-tail probability) of methods/c_CATD/chi-square distribution.txt
    const table: [number, number][] = [[1, 0.001], [2, 0.05], [3, 0.22], [5, 0.83], [10, 3.25], [20, 9.59], [30, 16.79], [100, 74.22]];
    for (const [df, x] of table) expect(Math.abs(chiSquareQuantile(0.025, df) - x), `df ${df}`).toBeLessThan(0.0051);
    // the printed 0.02 for df 2 is a typo for 0.05: the exact value is -2 ln(0.975)
    expect(chiSquareQuantile(0.025, 2)).toBeCloseTo(-2 * Math.log(0.975), 12);
    expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 14);
    expect(chiSquareQuantile(0.975, 10)).toBeCloseTo(20.483177350807, 9);
  });
});
