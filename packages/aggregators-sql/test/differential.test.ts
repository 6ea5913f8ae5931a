import { afterAll, beforeAll, describe, it } from 'vitest';
import { dawidSkene, majorityVote, oneCoinDawidSkene, zenCrowd, type AggregationResult } from '@crowdlearn/aggregators';
import type { CrowdLabels } from '@crowdlearn/core-matrix';
import { loadDataset, simulateCrowd } from '@crowdlearn/datasets';
import { expectSameResult } from './same-result.js';
import { DuckDbEngine, sqlDawidSkene, sqlMajorityVote, sqlOneCoinDawidSkene, sqlZenCrowd, writeCrowdLabels, type SqlEngine, type SqlLabelTable } from '../src/index.js';

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
          expectSameResult(await pair.sql(engine, table), pair.kernel(labels));
        });
      }
    });
  }
});
