import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accuracy, CrowdLabels } from '@crowdlearn/core-matrix';
import { majorityVote } from '@crowdlearn/aggregators';
import { simulateCrowd } from '@crowdlearn/datasets';
import { initBackend, lagnn } from '../src/index.js';
import { workerAgreement } from '../src/models/lagnn.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('LAGNN', () => {
  it('agreement is the leave-one-out share of a worker\'s label among the other labels (hand case)', () => {
    // item 0: w0 0, w1 0, w2 1; item 1: w0 1, w2 1; item 2: w1 0 (alone, ignored)
    const l = CrowdLabels.fromArrays(
      { item: Int32Array.of(0, 0, 0, 1, 1, 2), worker: Int32Array.of(0, 1, 2, 0, 2, 1), label: Int32Array.of(0, 0, 1, 1, 1, 0) },
      { numClasses: 2 },
    );
    const a = workerAgreement(l, majorityVote(l, { tieBreak: 'lowest' }).posteriors);
    // w0: item 0 -> 1/2 (w1 agrees, w2 not), item 1 -> 1 (w2 agrees): 3/4; w1: item 0 -> 1/2; w2: item 0 -> 0, item 1 -> 1: 1/2
    expect(Array.from(a)).toEqual([0.75, 0.5, 0.5]);
  });

  it('beats MV on crowds with spammers and random workers (3 seeds), deterministically and without leaks', async () => {
    const before = tf.memory().numTensors;
    let mv = 0;
    let gnn = 0;
    for (const seed of [0, 1, 2]) {
      const s = simulateCrowd({ numItems: 400, numWorkers: 30, numClasses: 4, featureDim: 0, workerMix: { oneCoin: 6, spammer: 2, random: 2 }, participation: [0.1, 0.3] }, seed);
      mv += accuracy(majorityVote(s.labels, { seed }).labels, s.gold);
      const r = await lagnn(s.labels, { seed, epochs: 100 });
      gnn += accuracy(r.labels, s.gold);
      if (seed === 0) {
        const again = await lagnn(s.labels, { seed, epochs: 100 });
        expect(Array.from(again.posteriors)).toEqual(Array.from(r.posteriors));
        // the spammers and random workers are outside the high-quality group
        expect(Array.from(r.highQuality).filter((h, w) => h === 1 && (s.workerTypes[w] === 'spammer' || s.workerTypes[w] === 'random'))).toHaveLength(0);
      }
    }
    expect(gnn).toBeGreaterThan(mv);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('needs gold for the supervised mode and refuses crowds too large for its dense graph', async () => {
    const s = simulateCrowd({ numItems: 50, numWorkers: 5, numClasses: 2, featureDim: 0 }, 1);
    await expect(lagnn(s.labels, { goldFraction: 0.1 })).rejects.toThrow(/needs gold/);
    const withGold = await lagnn(s.labels, { goldFraction: 0.5, gold: s.gold, epochs: 20 });
    expect(withGold.labels).toHaveLength(50);
    const huge = CrowdLabels.fromArrays({ item: Int32Array.of(0), worker: Int32Array.of(0), label: Int32Array.of(0) }, { numItems: 100_000, numWorkers: 1000, numClasses: 2 });
    await expect(lagnn(huge)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });
});
