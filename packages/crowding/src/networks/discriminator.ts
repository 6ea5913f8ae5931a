import * as tf from '@tensorflow/tfjs-core';
import { CrowdError, type Rng } from '@crowdlearn/core-matrix';
import { Dense, dropout, ParamStore } from '@crowdlearn/neural';
import { CellLinear } from './cell-linear.js';
import type { LcaMode } from '../options.js';
import type { Cells, CellNetworkShape } from './generator.js';

/** The discriminator's shape (specs/crowding.md §5). */
export interface DiscriminatorConfig extends CellNetworkShape {
  /** Label-correlation aggregation. */
  lca: LcaMode;
  /** [K, K] the LCA mixing matrix (`lcaAdjacency` in co-occurrence.ts). */
  adjacency: Float32Array;
  /** Build the auxiliary network Q (false for CrowdG). */
  withInfo: boolean;
}

/** The encoders' outputs for a minibatch, shared by D and Q. */
export interface Encoded {
  /** [R, 60] u_r. */
  u: tf.Tensor2D;
  /** [B, 60] v_n. */
  v: tf.Tensor2D;
  /** [K, 60, 60] the mixed bilinear matrices M̂_c. */
  mixed: tf.Tensor3D;
}

const EMBEDDING = 60;
const INSTANCE_HIDDEN = 128;
const Q_HIDDEN = 128;

/**
 * CrowdInG's discriminative module. The discriminator (Eq. 2) scores every
 * class for an (instance, annotator) pair, `D(c | x_n, e_r) = σ(u_rᵀ M̂_c v_n)`
 * with `u_r = Linear(q, 60)(e_r)`, `v_n = Linear(128, 60)(ReLU(Linear(d, 128)(x_n)))`
 * (dropout 0.5 on both) and the bilinear matrices mixed across classes by
 * label-correlation aggregation. The auxiliary network Q predicts the
 * classifier's label from (u_r, v_n, m_y), m_y an embedding of the
 * annotation's flattened M̂_y: batch norm without scale and shift over the
 * 180 inputs, Linear(180, 128), ReLU, Linear(128, K), softmax.
 */
export class Discriminator {
  /** Its variables (D's and Q's). */
  readonly store = new ParamStore();
  /** Its shape. */
  readonly config: DiscriminatorConfig;
  readonly #annotator: Dense;
  readonly #instance: [Dense, Dense];
  readonly #bilinear: tf.Variable;
  readonly #mixWeight: tf.Variable | undefined;
  readonly #adjacency: tf.Tensor2D;
  readonly #info: { label: Dense; hidden: CellLinear; output: Dense } | undefined;
  readonly #rng: Rng;

  constructor(config: DiscriminatorConfig, rng: Rng) {
    this.config = config;
    const K = config.numClasses;
    const init = 'pytorchUniform';
    this.#rng = rng.fork('dropout');
    this.#annotator = new Dense(this.store, 'discriminator/annotator', config.annotatorDim, EMBEDDING, init, rng);
    this.#instance = [
      new Dense(this.store, 'discriminator/instance0', config.inputDim, INSTANCE_HIDDEN, init, rng),
      new Dense(this.store, 'discriminator/instance1', INSTANCE_HIDDEN, EMBEDDING, init, rng),
    ];
    const m = Float32Array.from({ length: K * EMBEDDING * EMBEDDING }, () => rng.uniform());
    this.#bilinear = this.store.add('discriminator/bilinear', tf.tensor3d(m, [K, EMBEDDING, EMBEDDING]));
    if (config.lca === 'paper') {
      // W starts at the identity, so that at initialisation M̂ is the graph-smoothed M [RECON: no init is given]
      this.#mixWeight = this.store.add('discriminator/lca-weight', tf.eye(EMBEDDING));
    }
    this.#adjacency = tf.tensor2d(config.adjacency, [K, K]);
    if (config.withInfo) {
      this.#info = {
        label: new Dense(this.store, 'info/label', EMBEDDING * EMBEDDING, EMBEDDING, init, rng),
        // the batch norm over [u_r; v_n; m_y] and Linear(180, 128), without building the per-cell input
        hidden: new CellLinear(this.store, 'info/hidden', [0, 1, 2].map(() => ({ dim: EMBEDDING, normalize: true })), Q_HIDDEN, rng),
        output: new Dense(this.store, 'info/output', Q_HIDDEN, K, init, rng),
      };
    }
  }

  /** Encodes a minibatch's instances [B, d] and every annotator [R, q]. */
  encode(x: tf.Tensor2D, annotators: tf.Tensor2D, training: boolean): Encoded {
    const u = dropout(this.#annotator.apply(annotators), 0.5, training, this.#rng);
    const v = dropout(this.#instance[1].apply(tf.relu(this.#instance[0].apply(x))), 0.5, training, this.#rng);
    return { u, v, mixed: this.mixedMatrices() };
  }

  /** M̂ [K, 60, 60]: the bilinear matrices after label-correlation aggregation. */
  mixedMatrices(): tf.Tensor3D {
    const K = this.config.numClasses;
    if (this.config.lca === 'off') return this.#bilinear as tf.Tensor3D;
    const flat = tf.reshape(this.#bilinear, [K, EMBEDDING * EMBEDDING]) as tf.Tensor2D;
    const mixed = tf.matMul(this.#adjacency, flat);
    if (this.config.lca === 'code') return tf.reshape(tf.add(mixed, flat), [K, EMBEDDING, EMBEDDING]) as tf.Tensor3D;
    const right = tf.matMul(tf.reshape(mixed, [K * EMBEDDING, EMBEDDING]) as tf.Tensor2D, this.#mixWeight as tf.Tensor2D);
    return tf.reshape(right, [K, EMBEDDING, EMBEDDING]) as tf.Tensor3D;
  }

  /**
   * The logits `u_rᵀ M̂_c v_n` [B·R, K] of every cell of the minibatch, cell
   * (n, r) in row `n·R + r`: one product per instance and class, then one
   * with every annotator, cheaper than gathering per cell.
   */
  gridLogits(e: Encoded): tf.Tensor2D {
    const K = this.config.numClasses;
    const B = e.v.shape[0];
    const R = e.u.shape[0];
    // (M̂_c v_n)_i = Σ_j M̂_c[i, j] v_n[j]: v [B, 60] times the [60, K·60] matrix whose block c is M̂_cᵀ
    const mv = tf.matMul(e.v, tf.transpose(tf.reshape(e.mixed, [K * EMBEDDING, EMBEDDING])));
    const scores = tf.matMul(tf.reshape(mv, [B * K, EMBEDDING]) as tf.Tensor2D, tf.transpose(e.u));
    return tf.reshape(tf.transpose(tf.reshape(scores, [B, K, R]), [0, 2, 1]), [B * R, K]) as tf.Tensor2D;
  }

  /**
   * Q's log-distribution [M, K] of the classifier's label given each cell
   * and its annotation `label` ([M] int32).
   */
  infoLogProbs(e: Encoded, cells: Cells, label: tf.Tensor1D, training: boolean): tf.Tensor2D {
    const info = this.#info;
    if (info === undefined) throw new CrowdError('INVALID_ARGUMENT', 'this discriminator has no auxiliary network Q (CrowdG)');
    const K = this.config.numClasses;
    const m = info.label.apply(tf.relu(tf.reshape(e.mixed, [K, EMBEDDING * EMBEDDING]) as tf.Tensor2D));
    const blocks = [
      { values: e.u, index: cells.worker },
      { values: e.v, index: cells.item },
      { values: m, index: label },
    ];
    const h = tf.relu(info.hidden.apply(blocks, training));
    return tf.logSoftmax(info.output.apply(h));
  }

  /** Frees its variables and constants. */
  dispose(): void {
    this.store.dispose();
    this.#adjacency.dispose();
  }
}
