import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@crowdlearn/core-matrix';
import { initBias, initKernel, type KernelInit } from '../runtime/seeded-init.js';
import type { ParamStore } from './param-store.js';

/** A fully connected layer `x W + b` whose variables live in a {@link ParamStore}. */
export class Dense {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;

  constructor(store: ParamStore, name: string, inDim: number, outDim: number, init: KernelInit, rng: Rng) {
    this.kernel = store.add(`${name}/kernel`, initKernel(inDim, outDim, init, rng), { decay: true });
    this.bias = store.add(`${name}/bias`, initBias(inDim, outDim, init, rng));
  }

  /** `x W + b` for a batch `x` of shape [B, in]. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(x, this.kernel as tf.Tensor2D), this.bias) as tf.Tensor2D;
  }
}
