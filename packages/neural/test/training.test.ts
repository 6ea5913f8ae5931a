import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@crowdlearn/core-matrix';
import { initBackend, Mlp, ParamStore, rowsTensor, trainLoop, type ProgressEvent } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** A small separable problem: class = argmax of the first 3 features. */
function problem(n: number, seed: number) {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n * 5 }, () => rng.normal());
  const y = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < 3; k++) if (x[i * 5 + k]! > x[i * 5 + best]!) best = k;
    y[i * 3 + best] = 1;
  }
  return { x, y };
}

async function train(seed: number, epochs: number, extra: Partial<Parameters<typeof trainLoop>[3]> = {}) {
  const { x, y } = problem(200, 1);
  const store = new ParamStore();
  const rng = new Rng(seed);
  const mlp = new Mlp(store, 'm', { inputDim: 5, hidden: [16], outputDim: 3, batchNorm: true, dropout: 0.2, init: 'heUniform' }, rng);
  const history = await trainLoop(store, 200, (idx) => tf.losses.softmaxCrossEntropy(rowsTensor(y, 3, idx), mlp.logits(rowsTensor(x, 5, idx), true)) as tf.Scalar, {
    phase: 'test',
    epochs,
    batchSize: 32,
    optimizer: { type: 'adam', learningRate: 1e-2 },
    weightDecay: 1e-4,
    rng: rng.fork('shuffle'),
    ...extra,
  });
  const accuracy = () =>
    tf.tidy(() => {
      const all = Int32Array.from({ length: 200 }, (_, i) => i);
      const pred = tf.argMax(mlp.logits(rowsTensor(x, 5, all), false), 1).dataSync();
      let hit = 0;
      for (let i = 0; i < 200; i++) if (y[i * 3 + pred[i]!] === 1) hit++;
      return hit / 200;
    });
  return { store, history, accuracy, weights: () => store.all().map((p) => Array.from(p.variable.dataSync())) };
}

describe('the training loop', () => {
  it('learns, and the same seed gives the same weights', async () => {
    const before = tf.memory().numTensors;
    const a = await train(7, 30);
    const b = await train(7, 30);
    const c = await train(8, 30);
    expect(a.history.loss.at(-1)!).toBeLessThan(a.history.loss[0]!);
    expect(a.accuracy()).toBeGreaterThan(0.85);
    expect(a.weights()).toEqual(b.weights());
    expect(a.weights()).not.toEqual(c.weights());
    for (const t of [a, b, c]) t.store.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports progress for every step and epoch', async () => {
    const events: ProgressEvent[] = [];
    const t = await train(1, 3, { onProgress: (e) => events.push(e) });
    expect(events.filter((e) => e.type === 'step')).toHaveLength(3 * 7); // 200 / 32 -> 7 steps
    expect(events.filter((e) => e.type === 'epoch').map((e) => e.epoch)).toEqual([1, 2, 3]);
    t.store.dispose();
  });

  it('stops early and restores the best weights', async () => {
    const { x, y } = problem(200, 1);
    const store = new ParamStore();
    const rng = new Rng(3);
    const mlp = new Mlp(store, 'm', { inputDim: 5, hidden: [8], outputDim: 3, batchNorm: false, dropout: 0, init: 'heUniform' }, rng);
    const metric = [0.5, 0.9, 0.6, 0.6, 0.6, 0.6];
    let epoch = 0;
    let atBest: number[][] = [];
    const history = await trainLoop(store, 200, (idx) => tf.losses.softmaxCrossEntropy(rowsTensor(y, 3, idx), mlp.logits(rowsTensor(x, 5, idx), true)) as tf.Scalar, {
      phase: 'early',
      epochs: 6,
      batchSize: 50,
      optimizer: { type: 'adam', learningRate: 1e-2 },
      rng: rng.fork('shuffle'),
      patience: 2,
      validate: () => {
        const m = metric[epoch++]!;
        if (m === 0.9) atBest = store.all().map((p) => Array.from(p.variable.dataSync()));
        return m;
      },
    });
    expect(history.bestEpoch).toBe(2);
    expect(history.epochs).toBe(5); // epochs 3, 4 and 5 do not improve: patience 2 is exceeded after epoch 5
    expect(store.all().map((p) => Array.from(p.variable.dataSync()))).toEqual(atBest);
    store.dispose();
  });

  it('stops with a typed error when the loss is not finite', async () => {
    const store = new ParamStore();
    const w = store.add('w', tf.scalar(1));
    await expect(
      trainLoop(store, 4, () => tf.div(w, tf.scalar(0)) as tf.Scalar, { phase: 'nan', epochs: 1, batchSize: 2, optimizer: { type: 'sgd', learningRate: 1 }, rng: new Rng(1) }),
    ).rejects.toMatchObject({ code: 'NOT_CONVERGED' });
    store.dispose();
  });
});
