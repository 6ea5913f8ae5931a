// The dense-training benchmark of the neural issue: a 1000 x 8192 -> 128 -> 8 MLP trained for
// 5 epochs at batch 64 with Adam, on random data from a fixed seed.
//
//   pnpm --filter @crowdlearn/neural build
//   node packages/neural/scripts/dense-bench.mjs wasm          # with the BatchMatMul fix
//   node packages/neural/scripts/dense-bench.mjs wasm naive    # without it
//   node packages/neural/scripts/dense-bench.mjs cpu
//
// Prints the backend, the training time and the final loss.
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@crowdlearn/core-matrix';
import { initBackend, Mlp, ParamStore, rowsTensor, trainLoop } from '../dist/index.js';

const backend = process.argv[2] ?? 'wasm';
const naive = process.argv[3] === 'naive';
const info = await initBackend({ backend, naiveWasmMatMul: naive });
const N = 1000;
const D = 8192;
const K = 8;
const rng = new Rng(1);
const x = Float32Array.from({ length: N * D }, () => rng.normal());
const y = Float32Array.from({ length: N * K }, () => 0);
for (let i = 0; i < N; i++) y[i * K + rng.int(K)] = 1;
const store = new ParamStore();
const mlp = new Mlp(store, 'bench', { inputDim: D, hidden: [128], outputDim: K, batchNorm: false, dropout: 0, init: 'glorotUniform' }, rng);
const t0 = performance.now();
const history = await trainLoop(
  store,
  N,
  (idx) => {
    return tf.losses.softmaxCrossEntropy(rowsTensor(y, K, idx), mlp.logits(rowsTensor(x, D, idx), true));
  },
  { phase: 'bench', epochs: 5, batchSize: 64, optimizer: { type: 'adam', learningRate: 1e-3 }, rng: rng.fork('shuffle') },
);
const seconds = (performance.now() - t0) / 1000;
console.log(`backend ${info.name}${info.name === 'wasm' ? (info.wasmMatMulFix ? ' (BatchMatMul fix)' : ' (naive)') : ''}: ${seconds.toFixed(2)} s for 5 epochs, final loss ${history.loss.at(-1)?.toFixed(4)}`);
store.dispose();
console.log(`tensors left: ${tf.memory().numTensors}`);
