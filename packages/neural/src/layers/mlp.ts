import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@crowdlearn/core-matrix';
import type { KernelInit } from '../runtime/seeded-init.js';
import { BatchNorm } from './batch-norm.js';
import { Dense } from './dense.js';
import { dropout } from './dropout.js';
import type { ParamStore } from './param-store.js';

/** The shape of a classifier network on feature vectors. */
export interface MlpConfig {
  /** Input feature dimension d. */
  inputDim: number;
  /** Hidden layer sizes, e.g. [128]. */
  hidden: number[];
  /** Output size (K classes). */
  outputDim: number;
  /** Batch normalisation after each hidden dense layer (before ReLU), as the specs' Music network. */
  batchNorm: boolean;
  /** Dropout rate after each hidden layer. */
  dropout: number;
  /** Kernel initialisation. */
  init: KernelInit;
}

/**
 * An MLP: [Dense → (BatchNorm) → ReLU → (Dropout)] per hidden layer, then a
 * Dense output giving logits. `trunk` is everything but the output layer
 * (what Doctor Net's worker heads sit on).
 */
export class Mlp {
  readonly #hidden: { dense: Dense; norm?: BatchNorm }[] = [];
  readonly #output: Dense;
  readonly #rng: Rng;

  /** The network's shape. */
  readonly config: MlpConfig;

  constructor(store: ParamStore, name: string, config: MlpConfig, rng: Rng) {
    this.config = config;
    this.#rng = rng.fork('dropout');
    let inDim = config.inputDim;
    config.hidden.forEach((h, j) => {
      const dense = new Dense(store, `${name}/dense${j}`, inDim, h, config.init, rng);
      this.#hidden.push(config.batchNorm ? { dense, norm: new BatchNorm(store, `${name}/bn${j}`, h) } : { dense });
      inDim = h;
    });
    this.#output = new Dense(store, `${name}/output`, inDim, config.outputDim, config.init, rng);
  }

  /** The size of the trunk's output. */
  get trunkDim(): number {
    return this.config.hidden.length > 0 ? (this.config.hidden[this.config.hidden.length - 1] as number) : this.config.inputDim;
  }

  /** The hidden representation of a batch [B, d]. */
  trunk(x: tf.Tensor2D, training: boolean): tf.Tensor2D {
    let h = x;
    for (const layer of this.#hidden) {
      h = layer.dense.apply(h);
      if (layer.norm !== undefined) h = layer.norm.apply(h, training);
      h = tf.relu(h);
      h = dropout(h, this.config.dropout, training, this.#rng);
    }
    return h;
  }

  /** Output logits of a batch [B, d] → [B, K]. */
  logits(x: tf.Tensor2D, training: boolean): tf.Tensor2D {
    return this.#output.apply(this.trunk(x, training));
  }
}
