import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { annotationLoss, initBackend, type AnnotationBatch } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

function batch(weights: number[]): AnnotationBatch {
  return {
    position: tf.tensor1d([0, 1], 'int32'),
    worker: tf.tensor1d([0, 0], 'int32'),
    target: tf.tensor2d([[1, 0], [0, 1]]),
    weight: tf.tensor1d(weights),
    count: 2,
  };
}

it('the focal loss is -(1 - p_t)^γ log p_t, weighted; γ = 0 is cross-entropy', () => {
  const before = tf.memory().numTensors;
  const values = tf.tidy(() => {
    const p = tf.tensor2d([[0.8, 0.2], [0.6, 0.4]]);
    const b = batch([1, 3]);
    return [annotationLoss(p, b), annotationLoss(p, b, { type: 'focal', gamma: 0 }), annotationLoss(p, b, { type: 'focal', gamma: 2 })].map((t) => t.dataSync()[0]!);
  });
  const ce = (-Math.log(0.8) * 1 + -Math.log(0.4) * 3) / 4;
  const focal = (0.2 ** 2 * -Math.log(0.8) * 1 + 0.6 ** 2 * -Math.log(0.4) * 3) / 4;
  expect(values[0]).toBeCloseTo(ce, 5);
  expect(values[1]).toBeCloseTo(ce, 5);
  expect(values[2]).toBeCloseTo(focal, 5);
  expect(tf.memory().numTensors).toBe(before);
});
