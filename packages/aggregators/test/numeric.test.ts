/**
 * Numeric answers: Mean, Median, LFC_N, CATD and PM/CRH by hand on small cases, their
 * claimed effect on a simulated crowd with a few very noisy workers, and the typed errors
 * when categorical and numeric data are crossed.
 */
import { describe, expect, it } from 'vitest';
import { CrowdLabels, NumericLabels, numericErrors, Rng } from '@crowdlearn/core-matrix';
import { aggregate, catdN, lfcN, NUMERIC_AGGREGATORS, numericMean, numericMedian, pmCrhN } from '../src/index.js';

const rows = [
  ['a', 'w1', 10], ['a', 'w2', 12], ['a', 'w3', 30],
  ['b', 'w1', 5], ['b', 'w2', 6],
  ['c', 'w3', 100],
] as const;
const small = NumericLabels.fromObservations(rows.map(([item, worker, value]) => ({ item, worker, value })));

describe('by hand', () => {
  it('mean and median (the middle two averaged for an even count)', () => {
    expect(Array.from(numericMean(small).values)).toEqual([52 / 3, 5.5, 100]);
    expect(Array.from(numericMedian(small).values)).toEqual([12, 5.5, 100]);
  });

  it('LFC_N, one round: precisions 1 / (mean squared distance to the means + 1e-9), then weighted means', () => {
    const mean = [52 / 3, 5.5, 100];
    const msd = [((10 - mean[0]!) ** 2 + (5 - mean[1]!) ** 2) / 2, ((12 - mean[0]!) ** 2 + (6 - mean[1]!) ** 2) / 2, ((30 - mean[0]!) ** 2 + 0) / 2];
    const lambda = msd.map((d) => 1 / (d + 1e-9));
    const r = lfcN(small, { maxIterations: 1 });
    lambda.forEach((l, j) => expect(r.skills![j]).toBeCloseTo(l, 12));
    expect(r.values[0]).toBeCloseTo((lambda[0]! * 10 + lambda[1]! * 12 + lambda[2]! * 30) / (lambda[0]! + lambda[1]! + lambda[2]!), 12);
    expect(r.values[2]).toBe(100);
  });

  it('PM/CRH: a weighted median, the first answer whose cumulative weight reaches half', () => {
    const r = pmCrhN(small, { maxIterations: 1 });
    // from the medians 12, 5.5, 100: w3 is furthest (|30 - 12| / sd), so a's estimate stays at w2's 12
    expect(r.values[0]).toBe(12);
    expect(r.skills![2]).toBeLessThan(r.skills![0]!);
  });

  it('every entry of the numeric catalogue runs, and says it is numeric', async () => {
    expect(NUMERIC_AGGREGATORS.map((e) => e.name)).toEqual(['mean', 'median', 'lfc-n', 'catd-n', 'pm-crh-n']);
    for (const e of NUMERIC_AGGREGATORS) {
      expect(e.family).toBe('numeric');
      expect((await e.run({ labels: small }, {}, {})).values).toHaveLength(3);
    }
  });
});

describe('on a simulated crowd: 15 careful workers (sd 5) and 5 careless ones (sd 40), 5 answers per item', () => {
  const rng = new Rng(7);
  const truth = Float64Array.from({ length: 300 }, () => rng.uniform(0, 100));
  const observations = [];
  for (let i = 0; i < 300; i++) {
    for (const r of rng.sample(20, 5)) observations.push({ item: i, worker: r, value: (truth[i] as number) + rng.normal() * (r < 15 ? 5 : 40) });
  }
  const crowd = NumericLabels.fromObservations(observations);
  const items = Float64Array.from({ length: crowd.numItems }, (_, i) => truth[crowd.items.idOf(i) as number] as number);
  const rmse = (values: Float64Array) => numericErrors(values, items).rmse;

  it('the worker-weighting methods beat the mean by weighing the careless workers down', () => {
    const mean = rmse(numericMean(crowd).values);
    // Measured when written: mean 8.67, median 4.68, LFC_N 2.78, CATD 3.33, PM/CRH 3.56.
    expect(rmse(numericMedian(crowd).values)).toBeLessThan(mean);
    for (const r of [lfcN(crowd), catdN(crowd), pmCrhN(crowd)]) expect(rmse(r.values), r.method).toBeLessThan(mean / 2);
    const skills = lfcN(crowd).skills!;
    const careful = Array.from(crowd.workers.ids(), (id, r) => [Number(id), skills[r]!] as const);
    expect(Math.min(...careful.filter(([id]) => id < 15).map(([, s]) => s))).toBeGreaterThan(Math.max(...careful.filter(([id]) => id >= 15).map(([, s]) => s)));
  });
});

describe('crossed data types', () => {
  it('a numeric method on categorical labels, and a categorical one on numeric answers, are typed errors', () => {
    const categorical = CrowdLabels.fromObservations([{ item: 'a', worker: 'w', label: 'x' }]);
    expect(() => numericMean(categorical as never)).toThrow(/mean aggregates numeric answers; expected NumericLabels/);
    expect(() => aggregate(small as never, { method: 'ds' })).toThrow(/ds aggregates categorical labels, not numeric answers/);
  });

  it('an answer that is not a number, or a second answer by the same worker, names its row', () => {
    expect(() => NumericLabels.fromObservations([{ item: 'a', worker: 'w', value: '12' }, { item: 'b', worker: 'w', value: 'twelve' }], { source: 'x.csv', lineOfRow: (r) => r + 2 })).toThrow(/x\.csv:3: answer "twelve" is not a number/);
    expect(() => NumericLabels.fromObservations([{ item: 'a', worker: 'w', value: 1 }, { item: 'a', worker: 'w', value: 2 }], { source: 'y.csv' })).toThrow(/a second answer by worker "w" to item "a"/);
  });
});
