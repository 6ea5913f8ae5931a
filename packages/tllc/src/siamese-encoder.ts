import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@crowdlearn/core-matrix';
import { Dense, Mlp, ParamStore, rowsTensor, type KernelInit } from '@crowdlearn/neural';

/** How the predicted distance d' of a pair is computed from its two embeddings (Eq. 10). */
export type DistanceHead =
  /** `||z_i - z_j||₂` (the default). */
  | 'euclidean'
  /** `σ(wᵀ|z_i - z_j| + b)`, with (w, b) trained and fine-tuned with the encoder. */
  | 'sigmoid';

/** The shape of the shared encoder f_θ (Eq. 9). */
export interface SiameseEncoderConfig {
  /** Input feature dimension d. */
  inputDim: number;
  /** Hidden layer sizes (ReLU). */
  hidden: number[];
  /** Embedding dimension m (linear output). */
  embeddingDim: number;
  /** Weight initialisation. */
  init: KernelInit;
  /** Distance head. */
  distanceHead: DistanceHead;
}

// sqrt(||.||² + ε): the distance of a duplicate pair is 0 and its gradient would be undefined (spec A.7).
const DISTANCE_EPSILON = 1e-12;
const EMBED_CHUNK = 4096;

/**
 * The twin network of TLLC: one MLP encoder whose weights both branches of
 * a pair share, and a distance head. Its variables live in one
 * {@link ParamStore}, so a pretrained state can be snapshotted once and
 * restored before each worker's fine-tuning instead of building a model per
 * worker.
 */
export class SiameseEncoder {
  /** The encoder's (and head's) variables. */
  readonly store = new ParamStore();
  /** The network's shape. */
  readonly config: SiameseEncoderConfig;
  readonly #mlp: Mlp;
  readonly #head?: Dense;

  constructor(config: SiameseEncoderConfig, rng: Rng) {
    this.config = config;
    this.#mlp = new Mlp(
      this.store,
      'encoder',
      { inputDim: config.inputDim, hidden: config.hidden, outputDim: config.embeddingDim, batchNorm: false, dropout: 0, init: config.init },
      rng,
    );
    if (config.distanceHead === 'sigmoid') this.#head = new Dense(this.store, 'head', config.embeddingDim, 1, config.init, rng);
  }

  /** Embeddings z = f_θ(x) of a batch [B, d] → [B, m]. */
  embed(x: tf.Tensor2D): tf.Tensor2D {
    return this.#mlp.logits(x, false);
  }

  /** Predicted distance d' of each pair (row b of `a` with row b of `b`), shape [B]. */
  pairDistance(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
    const diff = tf.sub(a, b) as tf.Tensor2D;
    if (this.#head === undefined) return tf.sqrt(tf.add(tf.sum(tf.square(diff), 1), DISTANCE_EPSILON)) as tf.Tensor1D;
    return tf.reshape(tf.sigmoid(this.#head.apply(tf.abs(diff))), [-1]) as tf.Tensor1D;
  }

  /**
   * Distances of pairs given by row indices into a host feature matrix:
   * both members go through the encoder in one batch.
   */
  pairDistanceOfRows(x: Float32Array, first: ArrayLike<number>, second: ArrayLike<number>): tf.Tensor1D {
    const B = first.length;
    const rows = new Int32Array(2 * B);
    for (let p = 0; p < B; p++) {
      rows[p] = first[p] as number;
      rows[B + p] = second[p] as number;
    }
    const z = this.embed(rowsTensor(x, this.config.inputDim, rows));
    const m = this.config.embeddingDim;
    return this.pairDistance(tf.slice(z, [0, 0], [B, m]), tf.slice(z, [B, 0], [B, m]));
  }

  /** Embeddings of every row of a host feature matrix (row-major, `inputDim` columns), row-major N x m. */
  embedAll(x: Float32Array): Float32Array {
    const d = this.config.inputDim;
    const n = x.length / d;
    const out = new Float32Array(n * this.config.embeddingDim);
    for (let start = 0; start < n; start += EMBED_CHUNK) {
      const end = Math.min(n, start + EMBED_CHUNK);
      const values = tf.tidy(() => this.embed(tf.tensor2d(x.subarray(start * d, end * d), [end - start, d])).dataSync());
      out.set(values, start * this.config.embeddingDim);
    }
    return out;
  }

  /**
   * Parameter-name prefixes that stay trainable when the first `frozen`
   * dense layers are frozen (for `freezeLayers` in fine-tuning).
   */
  trainablePrefixes(frozen: number): string[] {
    const prefixes: string[] = [];
    for (let j = frozen; j < this.config.hidden.length; j++) prefixes.push(`encoder/dense${j}/`);
    if (frozen <= this.config.hidden.length) prefixes.push('encoder/output/');
    prefixes.push('head/');
    return prefixes;
  }

  /** Frees the variables. */
  dispose(): void {
    this.store.dispose();
  }
}

/** Eq. 11: the mean squared error between the pair targets y' and the predicted distances d'. */
export function pairLoss(target: tf.Tensor1D, distance: tf.Tensor1D): tf.Scalar {
  return tf.mean(tf.square(tf.sub(target, distance)));
}
