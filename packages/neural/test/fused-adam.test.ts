import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Rng } from '@crowdlearn/core-matrix';
import { FusedAdam, initBackend, Mlp, ParamStore, rowsTensor } from '../src/index.js';

/** Trains the same small MLP with `optimizer` for `steps` minibatches and returns every weight. */
function trainWith(optimizer: tf.Optimizer, name: string, steps: number): Map<string, Float32Array> {
  const rng = new Rng(3);
  // 13 inputs, 7 hidden units: no variable's size is a multiple of 4 (the SIMD path's padding)
  const x = Float32Array.from({ length: 50 * 13 }, () => rng.normal());
  const y = new Float32Array(50 * 3);
  for (let i = 0; i < 50; i++) y[i * 3 + rng.int(3)] = 1;
  const store = new ParamStore();
  const mlp = new Mlp(store, name, { inputDim: 13, hidden: [7], outputDim: 3, batchNorm: false, dropout: 0, init: 'glorotUniform' }, new Rng(5));
  const unused = store.add(`${name}/unused`, tf.ones([5]));
  const vars = [...store.trainable(), unused];
  for (let s = 0; s < steps; s++) {
    const batch = rng.permutation(50).subarray(0, 16);
    optimizer.minimize(() => tf.losses.softmaxCrossEntropy(rowsTensor(y, 3, batch), mlp.logits(rowsTensor(x, 13, batch), true)) as tf.Scalar, true, vars)?.dispose();
  }
  const weights = new Map(vars.map((v) => [v.name.slice(name.length).replace(/_\d+$/, ''), v.dataSync() as Float32Array])); // TF.js appends a unique number
  store.dispose();
  return weights;
}

describe.each(['wasm', 'cpu'] as const)('FusedAdam on %s', (backend) => {
  it.each([true, false])('gives tf.train.adam\'s weights bit for bit (SIMD %s), leaving no tensor behind', async (simd) => {
    await initBackend({ backend });
    const before = tf.memory().numTensors;
    const reference = tf.train.adam(0.05, 0.8, 0.99, 1e-6);
    const expected = trainWith(reference, 'tf', 30);
    reference.dispose();
    const fused = new FusedAdam(0.05, 0.8, 0.99, 1e-6, simd);
    const actual = trainWith(fused, 'fused', 30);
    expect(fused.iterations).toBe(30);
    fused.dispose();
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [key, values] of expected) expect(actual.get(key), key).toEqual(values);
    expect(actual.get('/unused')).toEqual(new Float32Array(5).fill(1)); // no gradient: left alone
    const untrained = new FusedAdam(0.05);
    const initial = trainWith(untrained, 'initial', 0);
    untrained.dispose();
    for (const [key, values] of initial) if (key !== '/unused') expect(actual.get(key), `${key} trained`).not.toEqual(values);
    expect(tf.memory().numTensors).toBe(before);
  });
});
