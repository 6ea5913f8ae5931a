import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@crowdlearn/neural';
import { Rng } from '@crowdlearn/core-matrix';
import { SiameseEncoder, pairLoss } from './dist/index.js';
await initBackend();
const d = 124, N = 700;
const rng = new Rng(1);
const x = Float32Array.from({ length: N * d }, () => rng.normal());
const enc = new SiameseEncoder({ inputDim: d, hidden: [64, 32], embeddingDim: 8, init: 'pytorchUniform', distanceHead: 'euclidean' }, rng);
const first = Int32Array.from({ length: 32 }, (_, i) => i), second = Int32Array.from({ length: 32 }, (_, i) => i + 40);
const target = new Float32Array(32).fill(1);
const f = () => pairLoss(tf.tensor1d(target), enc.pairDistanceOfRows(x, first, second));
let t = performance.now();
for (let s = 0; s < 500; s++) tf.tidy(() => f().dataSync());
console.log('forward ms/step', (performance.now() - t) / 500);
const opt = tf.train.adam(1e-3);
const vars = enc.store.trainable();
t = performance.now();
for (let s = 0; s < 500; s++) { const c = opt.minimize(f, true, vars); c.dataSync(); c.dispose(); }
console.log('minimize ms/step', (performance.now() - t) / 500);
t = performance.now();
for (let s = 0; s < 500; s++) { tf.tidy(() => { const g = tf.variableGrads(f, vars); }); }
console.log('grads only ms/step', (performance.now() - t) / 500);
console.log(tf.getBackend(), tf.memory().numTensors);
