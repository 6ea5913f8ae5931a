import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@crowdlearn/core-matrix';
import { initBias, initKernel, type KernelInit } from '../runtime/seeded-init.js';
import type { ParamStore } from './param-store.js';

/**
 * A fully connected layer `x Wᵀ + b` whose variables live in a
 * {@link ParamStore}. The kernel is stored as [out, in] (PyTorch's layout):
 * on wasm, XNNPACK re-packs the right operand of a product every time that
 * tensor changes, and the weights change after every step, so the forward
 * pass computes `(W xᵀ)ᵀ`, where the packed operand is the batch. Measured
 * for a 64 x 8192 batch into 128 units: 8.7 ms against 20.6 ms for `x W`,
 * and 7.7 ms against 10.3 ms for the weight gradient.
 */
export class Dense {
  /** [out, in]. */
  readonly kernel: tf.Variable;
  /** [out]. */
  readonly bias: tf.Variable;

  constructor(store: ParamStore, name: string, inDim: number, outDim: number, init: KernelInit, rng: Rng) {
    const kernel = initKernel(inDim, outDim, init, rng);
    this.kernel = store.add(`${name}/kernel`, tf.transpose(kernel), { decay: true });
    kernel.dispose();
    this.bias = store.add(`${name}/bias`, initBias(inDim, outDim, init, rng));
  }

  /** `x Wᵀ + b` for a batch `x` of shape [B, in]. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.transpose(tf.matMul(this.kernel as tf.Tensor2D, tf.transpose(x))), this.bias) as tf.Tensor2D;
  }
}
