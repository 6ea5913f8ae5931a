import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@crowdlearn/core-matrix';
import { initKernel, type ParamStore } from '@crowdlearn/neural';

/**
 * One block of a per-cell input: either a value per cell ([M, p], no
 * `index`) or a small table of distinct rows ([T, p]) with the row of each
 * cell (`index`, [M] int32), as an annotator's or an instance's embedding.
 */
export interface InputBlock {
  /** [M, p], or [T, p] with `index`. */
  values: tf.Tensor2D;
  /** [M] row of `values` of each cell. */
  index?: tf.Tensor1D;
}

/** The shape of one block. */
export interface BlockShape {
  /** Columns p. */
  dim: number;
  /** Batch-normalise this block's columns (no scale or shift) before the layer. */
  normalize: boolean;
}

const MOMENTUM = 0.9;
const EPSILON = 1e-5;

/**
 * `Linear(BatchNorm(concat(blocks)))` over (instance, annotator) cells,
 * computed without building the concatenated [M, Σp] input: CrowdInG's
 * generator and auxiliary network see, per cell, an annotator embedding, an
 * instance embedding and a label embedding, each with far fewer distinct
 * rows than there are cells. Normalisation is a per-column affine map, so
 * `x̂ W = x (W / σ) - (μ / σ) W`: each table block is multiplied once and its
 * product rows gathered. The column statistics are those of the cells
 * (each table row counted as often as cells use it), so the output and its
 * gradients equal the direct computation. Batch-norm statistics as PyTorch
 * (momentum 0.1 for the moving averages, ε 1e-5); the kernel is initialised
 * as one PyTorch Linear layer over the whole input.
 */
export class CellLinear {
  readonly #kernels: tf.Variable[];
  readonly #bias: tf.Variable;
  readonly #moving: ({ mean: tf.Variable; variance: tf.Variable } | undefined)[];
  readonly #blocks: readonly BlockShape[];

  constructor(store: ParamStore, name: string, blocks: readonly BlockShape[], outDim: number, rng: Rng) {
    this.#blocks = blocks;
    const inDim = blocks.reduce((s, b) => s + b.dim, 0);
    const full = initKernel(inDim, outDim, 'pytorchUniform', rng);
    const limit = 1 / Math.sqrt(inDim);
    let offset = 0;
    this.#kernels = blocks.map((b, j) => {
      // [out, p]: the block's rows of the [in, out] kernel, transposed
      const part = tf.tidy(() => tf.transpose(tf.slice(full, [offset, 0], [b.dim, outDim])));
      offset += b.dim;
      return store.add(`${name}/kernel${j}`, part, { decay: true });
    });
    full.dispose();
    this.#bias = store.add(`${name}/bias`, tf.tensor1d(Float32Array.from({ length: outDim }, () => rng.uniform(-limit, limit))));
    this.#moving = blocks.map((b, j) =>
      b.normalize
        ? {
            mean: store.add(`${name}/moving_mean${j}`, tf.zeros([b.dim]), { trainable: false }),
            variance: store.add(`${name}/moving_variance${j}`, tf.ones([b.dim]), { trainable: false }),
          }
        : undefined,
    );
  }

  /** The layer's output [M, out] for the cells the blocks describe (batch statistics when training). */
  apply(blocks: readonly InputBlock[], training: boolean): tf.Tensor2D {
    let out: tf.Tensor = this.#bias;
    blocks.forEach((block, j) => {
      let kernel: tf.Tensor2D = this.#kernels[j] as tf.Tensor2D;
      const moving = this.#moving[j];
      if (moving !== undefined) {
        const { mean, variance } = training ? this.#cellMoments(block) : { mean: moving.mean, variance: moving.variance };
        if (training) {
          tf.tidy(() => {
            moving.mean.assign(tf.add(tf.mul(moving.mean, MOMENTUM), tf.mul(mean, 1 - MOMENTUM)));
            moving.variance.assign(tf.add(tf.mul(moving.variance, MOMENTUM), tf.mul(variance, 1 - MOMENTUM)));
          });
        }
        const scale = tf.rsqrt(tf.add(variance, EPSILON));
        kernel = tf.mul(kernel, scale) as tf.Tensor2D;
        // the shift -(μ/σ) W of this block's columns
        out = tf.sub(out, tf.sum(tf.mul(kernel, mean), 1));
      }
      const product = tf.matMul(block.values, kernel, false, true);
      out = tf.add(out, block.index === undefined ? product : tf.gather(product, block.index));
    });
    return out as tf.Tensor2D;
  }

  /** Column mean and (biased) variance of a block over the cells. */
  #cellMoments(block: InputBlock): { mean: tf.Tensor; variance: tf.Tensor } {
    if (block.index === undefined) return tf.moments(block.values, 0);
    const cells = block.index.shape[0];
    const counts = tf.reshape(tf.unsortedSegmentSum(tf.ones([cells]), block.index, block.values.shape[0]), [1, -1]) as tf.Tensor2D;
    const mean = tf.div(tf.matMul(counts, block.values), cells);
    const square = tf.div(tf.matMul(counts, tf.square(block.values)), cells);
    return { mean: tf.reshape(mean, [-1]), variance: tf.reshape(tf.relu(tf.sub(square, tf.square(mean))), [-1]) };
  }
}
