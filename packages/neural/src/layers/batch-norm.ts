import * as tf from '@tensorflow/tfjs-core';
import type { ParamStore } from './param-store.js';

/** Options of {@link BatchNorm}. */
export interface BatchNormOptions {
  /** Weight of the old moving statistics in each update. Default 0.99 (Keras). */
  momentum?: number;
  /** Added to the variance before the square root. Default 1e-3 (Keras). */
  epsilon?: number;
  /** Learn a scale and a shift after normalising (PyTorch's `affine`). Default true. */
  affine?: boolean;
}

/**
 * Batch normalisation over the batch axis: batch statistics while training
 * (and an exponential moving average of them), the moving averages at
 * inference; optionally followed by a learned scale and shift.
 */
export class BatchNorm {
  readonly #gamma: tf.Variable | undefined;
  readonly #beta: tf.Variable | undefined;
  readonly #movingMean: tf.Variable;
  readonly #movingVar: tf.Variable;

  /** Weight of the old moving statistics in each update. */
  readonly momentum: number;
  /** Added to the variance before the square root. */
  readonly epsilon: number;

  constructor(store: ParamStore, name: string, size: number, options: BatchNormOptions = {}) {
    this.momentum = options.momentum ?? 0.99;
    this.epsilon = options.epsilon ?? 1e-3;
    if (options.affine ?? true) {
      this.#gamma = store.add(`${name}/gamma`, tf.ones([size]));
      this.#beta = store.add(`${name}/beta`, tf.zeros([size]));
    }
    this.#movingMean = store.add(`${name}/moving_mean`, tf.zeros([size]), { trainable: false });
    this.#movingVar = store.add(`${name}/moving_variance`, tf.ones([size]), { trainable: false });
  }

  /** Normalises `x` [B, size]. While training it also updates the moving statistics. */
  apply(x: tf.Tensor2D, training: boolean): tf.Tensor2D {
    if (!training) return this.#normalize(x, this.#movingMean, this.#movingVar);
    const { mean, variance } = tf.moments(x, 0);
    // Moving averages are state: assigning them adds nothing to the loss, so no gradient flows through them.
    tf.tidy(() => {
      const m = this.momentum;
      this.#movingMean.assign(tf.add(tf.mul(this.#movingMean, m), tf.mul(mean, 1 - m)));
      this.#movingVar.assign(tf.add(tf.mul(this.#movingVar, m), tf.mul(variance, 1 - m)));
    });
    return this.#normalize(x, mean, variance);
  }

  #normalize(x: tf.Tensor2D, mean: tf.Tensor, variance: tf.Tensor): tf.Tensor2D {
    if (this.#gamma === undefined || this.#beta === undefined) {
      // by hand: the fused kernel's gradient saves its scale and offset inputs, and fails when they are absent
      return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, this.epsilon))) as tf.Tensor2D;
    }
    return tf.batchNorm2d(x, mean as tf.Tensor1D, variance as tf.Tensor1D, this.#beta as tf.Tensor1D, this.#gamma as tf.Tensor1D, this.epsilon);
  }
}
