import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { simulateCrowd } from '@crowdlearn/datasets';
import { Crowdlayer, DoctorNet, initBackend, modelAccuracy } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

it('trains the base models on the cpu backend, deterministically and without leaks', async () => {
  const sim = simulateCrowd({ numItems: 200, numWorkers: 6, numClasses: 3, participation: [0.5, 0.8], separation: 4 }, 9);
  const before = tf.memory().numTensors;
  const run = async () => {
    const model = new Crowdlayer({ numClasses: 3, numWorkers: 6, variant: 'MW', training: { epochs: 20 } });
    await model.fit({ labels: sim.labels, features: sim.features! }, { seed: 1 });
    const p = model.predictProba(sim.features!);
    const accuracy = modelAccuracy(model, sim.features!, sim.gold);
    model.dispose();
    return { p, accuracy };
  };
  const a = await run();
  const b = await run();
  expect(Array.from(a.p)).toEqual(Array.from(b.p));
  expect(a.accuracy).toBeGreaterThan(0.8);
  const wdn = new DoctorNet({ numClasses: 3, numWorkers: 6, training: { epochs: 10 } });
  await wdn.fit({ labels: sim.labels, features: sim.features! }, { seed: 1 });
  wdn.dispose();
  expect(tf.memory().numTensors).toBe(before);
});
