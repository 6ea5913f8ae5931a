import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Features, GoldLabels } from '@crowdlearn/core-matrix';
import { loadDataset } from '@crowdlearn/datasets';
import { Crowdlayer, initBackend, modelAccuracy } from '@crowdlearn/neural';
import { trainWithMethod, type DascMethod } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('DASC on the bundled LabelMe (parity with the specification\'s prototype, §11)', () => {
  // The prototype on this data: Crowdlayer 85.1 -> 87.6 inside DASC (5 seeds, phi 0.1, 5 warm rounds), a
  // per-seed gain of +2.5 ± 0.2. Ours with the crowd layer at 2I (the identity start loses some seeds on
  // LabelMe) over seeds 0-4: 87.04-88.22, mean 87.78; seed 0 gives CE 85.94, DASC 88.22. The bounds leave
  // this run about 0.7 points of room (floating-point differences between machines move a few of the 1,188
  // test images), and still fail if the rounds stop helping: 50 epochs per round, the earlier setting,
  // gave 86.62 on this seed.
  it('on Crowdlayer (2I start, seed 0), DASC tests at least 87.5% and at least 1.5 points above CE', async () => {
    const d = loadDataset('labelme');
    const data = { labels: d.labels, features: d.features as Features };
    const test = d.test as { features: Features; gold: GoldLabels };
    const before = tf.memory().numTensors;
    const accuracy = async (method: DascMethod) => {
      const make = (s: object) => new Crowdlayer({ numClasses: d.labels.numClasses, numWorkers: d.labels.numWorkers, preset: 'labelme', variant: 'MW', mwInitScale: 2, ...s });
      const r = await trainWithMethod(method, make, data, { seed: 0, budget: { mode: 'fraction', fraction: 0.1 }, rounds: 5 });
      const value = modelAccuracy(r.model, test.features, test.gold);
      r.model.dispose();
      return value;
    };
    const ce = await accuracy('ce');
    const dasc = await accuracy('dasc');
    expect(dasc).toBeGreaterThanOrEqual(0.875);
    expect(dasc - ce).toBeGreaterThanOrEqual(0.015);
    expect(tf.memory().numTensors).toBe(before);
  });
});
