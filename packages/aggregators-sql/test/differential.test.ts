import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dawidSkene, majorityVote, oneCoinDawidSkene, zenCrowd, type AggregationResult } from '@crowdlearn/aggregators';
import type { CrowdLabels } from '@crowdlearn/core-matrix';
import { loadDataset, simulateCrowd } from '@crowdlearn/datasets';
import { DuckDbEngine, sqlDawidSkene, sqlMajorityVote, sqlOneCoinDawidSkene, sqlZenCrowd, writeCrowdLabels, type SqlEngine, type SqlLabelTable } from '../src/index.js';

// The engine sums in its own order (parallel group-bys), so values agree with the typed-array
// kernels to rounding: 1e-9 relative on log-likelihoods, 1e-9 absolute on probabilities.
// Iteration counts and labels must be equal.
const REL = 1e-9;

interface Pair {
  name: string;
  kernel(l: CrowdLabels): AggregationResult;
  sql(e: SqlEngine, t: SqlLabelTable): Promise<AggregationResult>;
}
const PAIRS: Pair[] = [
  { name: 'mv', kernel: (l) => majorityVote(l, { seed: 3 }), sql: (e, t) => sqlMajorityVote(e, t, { seed: 3 }) },
  { name: 'ds', kernel: (l) => dawidSkene(l), sql: (e, t) => sqlDawidSkene(e, t) },
  { name: 'one-coin-ds', kernel: (l) => oneCoinDawidSkene(l), sql: (e, t) => sqlOneCoinDawidSkene(e, t) },
  { name: 'zencrowd', kernel: (l) => zenCrowd(l), sql: (e, t) => sqlZenCrowd(e, t) },
];

function closeArrays(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let j = 0; j < a.length; j++) worst = Math.max(worst, Math.abs((a[j] as number) - (b[j] as number)));
  expect(worst).toBeLessThan(tol);
  return worst;
}

const CROWDS: { name: string; labels: () => CrowdLabels }[] = [
  { name: 'music', labels: () => loadDataset('music').labels },
  { name: 'rte', labels: () => loadDataset('rte').labels },
  { name: 'simulated', labels: () => simulateCrowd({ numItems: 2000, numWorkers: 60, numClasses: 4, labelsPerItem: 3, featureDim: 0, workerMix: { confusion: 3, oneCoin: 2, spammer: 1 } }, 11).labels },
];

describe('DuckDB reproduces the typed-array kernels', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await DuckDbEngine.open();
  });
  afterAll(async () => engine.close());
  for (const crowd of CROWDS) {
    describe(crowd.name, () => {
      const labels = crowd.labels();
      for (const pair of PAIRS) {
        it(pair.name, async () => {
          const table = await writeCrowdLabels(engine, labels);
          const expected = pair.kernel(labels);
          const got = await pair.sql(engine, table);
          expect(got.method).toBe(expected.method);
          expect(got.iterations).toBe(expected.iterations);
          expect(got.converged).toBe(expected.converged);
          const objective = expected.objective ?? [];
          expect(got.objective ?? []).toHaveLength(objective.length);
          objective.forEach((v, j) => expect(Math.abs((got.objective?.[j] as number) - v)).toBeLessThan(REL * Math.abs(v)));
          closeArrays(got.posteriors, expected.posteriors, 1e-9);
          expect(Array.from(got.labels)).toEqual(Array.from(expected.labels));
          if ('confusion' in expected) closeArrays((got as typeof expected).confusion, expected.confusion as Float64Array, 1e-9);
          if ('skills' in expected) closeArrays((got as typeof expected).skills, expected.skills as Float64Array, 1e-9);
        });
      }
    });
  }
});
