import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@crowdlearn/core-matrix';
import { Dense, initBias, initKernel, type ParamStore } from '@crowdlearn/neural';

/**
 * E expert MLPs over the same input, ReLU after every layer (MMLC's experts).
 * The first layers of all experts are one dense layer of E·h₁ units (the
 * input is shared); the later layers are batched products with one [h, h']
 * kernel per expert, so a forward pass costs a few large operations instead
 * of 3E small ones.
 */
export class ExpertBank {
  readonly #first: Dense;
  readonly #kernels: tf.Variable[] = [];
  readonly #biases: tf.Variable[] = [];
  /** Number of experts E. */
  readonly experts: number;
  /** Output size H of each expert. */
  readonly outputDim: number;
  readonly #hidden: number[];

  constructor(store: ParamStore, name: string, inputDim: number, experts: number, hidden: number[], rng: Rng) {
    this.experts = experts;
    this.#hidden = hidden;
    this.outputDim = hidden[hidden.length - 1] as number;
    const h1 = hidden[0] as number;
    this.#first = new Dense(store, `${name}/layer0`, inputDim, experts * h1, 'glorotUniform', rng);
    // Glorot per expert (fan-in d, fan-out h1), as Keras initialises each expert's own Dense layer.
    const firstBlocks = Array.from({ length: experts }, () => initKernel(inputDim, h1, 'glorotUniform', rng));
    tf.tidy(() => this.#first.kernel.assign(tf.transpose(tf.concat(firstBlocks, 1))));
    firstBlocks.forEach((b) => b.dispose());
    for (let l = 1; l < hidden.length; l++) {
      const fanIn = hidden[l - 1] as number;
      const fanOut = hidden[l] as number;
      const blocks = Array.from({ length: experts }, () => initKernel(fanIn, fanOut, 'glorotUniform', rng));
      this.#kernels.push(store.add(`${name}/layer${l}/kernel`, tf.stack(blocks), { decay: true }));
      blocks.forEach((b) => b.dispose());
      const bias = initBias(fanIn, experts * fanOut, 'glorotUniform', rng);
      this.#biases.push(store.add(`${name}/layer${l}/bias`, tf.reshape(bias, [experts, 1, fanOut])));
      bias.dispose();
    }
  }

  /** U(x) of a batch [B, d] → [B, E, H]. */
  apply(x: tf.Tensor2D): tf.Tensor3D {
    const B = x.shape[0];
    const E = this.experts;
    const h1 = this.#hidden[0] as number;
    // [B, E·h1] → [E, B, h1]
    let h = tf.transpose(tf.reshape(tf.relu(this.#first.apply(x)), [B, E, h1]), [1, 0, 2]) as tf.Tensor3D;
    this.#kernels.forEach((kernel, l) => {
      h = tf.relu(tf.add(tf.matMul(h, kernel as tf.Tensor3D), this.#biases[l] as tf.Variable)) as tf.Tensor3D;
    });
    return tf.transpose(h, [1, 0, 2]) as tf.Tensor3D;
  }
}
