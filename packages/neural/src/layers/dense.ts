import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@crowdlearn/core-matrix';
import { initBias, initKernel, type KernelInit } from '../runtime/seeded-init.js';
import type { ParamStore } from './param-store.js';

/** Below `in / FEW_ROWS_RATIO` rows a batch counts as a few rows of many features (measured crossover between 64 and 512 rows of 8192). */
const FEW_ROWS_RATIO = 16;

/**
 * A fully connected layer `x Wᵀ + b` whose variables live in a
 * {@link ParamStore}. The kernel is stored as [out, in] (PyTorch's layout).
 * On wasm, XNNPACK re-packs the right operand of a product every time that
 * tensor changes, and the weights change after every step; which product
 * is cheaper depends on the shapes. For a few rows of many features the
 * forward pass computes `(W xᵀ)ᵀ`, where the packed operand is the batch
 * (64 x 8192 into 128 units: 8.7 ms against 20.6 ms for `x Wᵀ`, and 7.7
 * against 10.3 ms for the weight gradient); for many rows, `x Wᵀ` (30,000 x
 * 128 into 4 units, forward and kernel gradient: 52 ms against 106 ms;
 * 512 x 8192 into 128: 197 against 318 ms).
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
    const [rows, inDim] = x.shape;
    const product =
      rows * FEW_ROWS_RATIO < inDim ? tf.transpose(tf.matMul(this.kernel as tf.Tensor2D, tf.transpose(x))) : tf.matMul(x, this.kernel as tf.Tensor2D, false, true);
    return tf.add(product, this.bias) as tf.Tensor2D;
  }
}
