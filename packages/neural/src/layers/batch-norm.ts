import * as tf from '@tensorflow/tfjs-core';
import type { ParamStore } from './param-store.js';

/**
 * Batch normalisation over the batch axis: batch statistics while training
 * (and an exponential moving average of them), the moving averages at
 * inference. Momentum 0.99 and epsilon 1e-3, Keras' defaults.
 */
export class BatchNorm {
  readonly #gamma: tf.Variable;
  readonly #beta: tf.Variable;
  readonly #movingMean: tf.Variable;
  readonly #movingVar: tf.Variable;

  /** Weight of the old moving statistics in each update. */
  readonly momentum: number;
  /** Added to the variance before the square root. */
  readonly epsilon: number;

  constructor(store: ParamStore, name: string, size: number, momentum = 0.99, epsilon = 1e-3) {
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.#gamma = store.add(`${name}/gamma`, tf.ones([size]));
    this.#beta = store.add(`${name}/beta`, tf.zeros([size]));
    this.#movingMean = store.add(`${name}/moving_mean`, tf.zeros([size]), { trainable: false });
    this.#movingVar = store.add(`${name}/moving_variance`, tf.ones([size]), { trainable: false });
  }

  /** Normalises `x` [B, size]. While training it also updates the moving statistics. */
  apply(x: tf.Tensor2D, training: boolean): tf.Tensor2D {
    if (!training) {
      return tf.batchNorm2d(x, this.#movingMean as tf.Tensor1D, this.#movingVar as tf.Tensor1D, this.#beta as tf.Tensor1D, this.#gamma as tf.Tensor1D, this.epsilon);
    }
    const { mean, variance } = tf.moments(x, 0);
    // Moving averages are state: assigning them adds nothing to the loss, so no gradient flows through them.
    tf.tidy(() => {
      const m = this.momentum;
      this.#movingMean.assign(tf.add(tf.mul(this.#movingMean, m), tf.mul(mean, 1 - m)));
      this.#movingVar.assign(tf.add(tf.mul(this.#movingVar, m), tf.mul(variance, 1 - m)));
    });
    return tf.batchNorm2d(x, mean as tf.Tensor1D, variance as tf.Tensor1D, this.#beta as tf.Tensor1D, this.#gamma as tf.Tensor1D, this.epsilon);
  }
}
