import * as tf from '@tensorflow/tfjs-core';
import { CrowdError, type Rng } from '@crowdlearn/core-matrix';
import { BatchNorm, Dense, dropout, ParamStore } from '@crowdlearn/neural';
import { CellLinear, type InputBlock } from './cell-linear.js';

/** The input and output sizes CrowdInG's networks share. */
export interface CellNetworkShape {
  /** Instance feature dimension d. */
  inputDim: number;
  /** Annotator feature dimension q (R for one-hot annotators). */
  annotatorDim: number;
  /** K. */
  numClasses: number;
}

/** Which inputs the generator sees besides the noise and ẑ. */
export interface GeneratorInputs {
  /** The instance features through ψ(x) (off in CrowdInGU). */
  instance: boolean;
  /** The annotator features through U e_r (off in CrowdInGI). */
  annotator: boolean;
}

/** The generator's shape (specs/crowding.md §5). */
export interface GeneratorConfig extends CellNetworkShape {
  /** Which inputs it sees. */
  inputs: GeneratorInputs;
}

/** The (instance, annotator) cells a network is evaluated on: int32 positions in the minibatch and annotator indices. */
export interface Cells {
  /** [M] position of each cell's instance in the minibatch. */
  item: tf.Tensor1D;
  /** [M] annotator of each cell. */
  worker: tf.Tensor1D;
}

const EMBEDDING = 20;
const PSI_HIDDEN = 64;
const HIDDEN = 128;

/**
 * CrowdInG's generator (Eq. 1): the distribution of the annotation annotator
 * r would give instance n, from U e_r (Linear(q, 20)), ψ(x_n) (Linear(d, 64),
 * ReLU, dropout 0.5, batch norm, Linear(64, 20)), a batch norm without
 * scale and shift over their concatenation, then the noise ε and the
 * classifier's output ẑ_n: Linear(40 + 2K, 128), ReLU, Linear(128, K),
 * softmax. Its variables live in its own {@link ParamStore}, so the logging
 * policy G₀ is a second generator that {@link copyFrom} refreshes.
 */
export class Generator {
  /** Its variables. */
  readonly store = new ParamStore();
  /** Its shape. */
  readonly config: GeneratorConfig;
  readonly #annotator: Dense | undefined;
  readonly #psi: { first: Dense; norm: BatchNorm; second: Dense } | undefined;
  readonly #hidden: CellLinear;
  readonly #output: Dense;
  readonly #rng: Rng;

  constructor(config: GeneratorConfig, rng: Rng) {
    const { inputs, numClasses: K } = config;
    if (!inputs.instance && !inputs.annotator) {
      throw new CrowdError('INVALID_ARGUMENT', 'the generator needs instance or annotator features', { expected: 'generatorInputs.instance or generatorInputs.annotator' });
    }
    this.config = config;
    this.#rng = rng.fork('dropout');
    const init = 'pytorchUniform';
    const noAffine = { affine: false, momentum: 0.9, epsilon: 1e-5 };
    if (inputs.annotator) this.#annotator = new Dense(this.store, 'generator/annotator', config.annotatorDim, EMBEDDING, init, rng);
    if (inputs.instance) {
      this.#psi = {
        first: new Dense(this.store, 'generator/psi0', config.inputDim, PSI_HIDDEN, init, rng),
        norm: new BatchNorm(this.store, 'generator/psi-bn', PSI_HIDDEN, noAffine),
        second: new Dense(this.store, 'generator/psi1', PSI_HIDDEN, EMBEDDING, init, rng),
      };
    }
    // the batch norm over [U e_r; ψ(x)] and Linear(40 + 2K, 128), without building the per-cell input
    const blocks = [
      ...(inputs.annotator ? [{ dim: EMBEDDING, normalize: true }] : []),
      ...(inputs.instance ? [{ dim: EMBEDDING, normalize: true }] : []),
      { dim: K, normalize: false },
      { dim: K, normalize: false },
    ];
    this.#hidden = new CellLinear(this.store, 'generator/hidden', blocks, HIDDEN, rng);
    this.#output = new Dense(this.store, 'generator/output', HIDDEN, K, init, rng);
  }

  /**
   * The annotation distribution [M, K] of each cell.
   * @param x - [B, d] the minibatch's instance features.
   * @param annotators - [R, q] annotator features.
   * @param cells - the cells.
   * @param noise - [M, K] ε of each cell.
   * @param classProbs - [B, K] ẑ of each instance of the minibatch.
   * @param training - dropout and batch statistics when true.
   */
  probs(x: tf.Tensor2D, annotators: tf.Tensor2D, cells: Cells, noise: tf.Tensor2D, classProbs: tf.Tensor2D, training: boolean): tf.Tensor2D {
    const blocks: InputBlock[] = [];
    if (this.#annotator !== undefined) blocks.push({ values: this.#annotator.apply(annotators), index: cells.worker });
    if (this.#psi !== undefined) {
      const h = dropout(tf.relu(this.#psi.first.apply(x)), 0.5, training, this.#rng);
      blocks.push({ values: this.#psi.second.apply(this.#psi.norm.apply(h, training)), index: cells.item });
    }
    blocks.push({ values: noise }, { values: classProbs, index: cells.item });
    return tf.softmax(this.#output.apply(tf.relu(this.#hidden.apply(blocks, training))));
  }

  /** Sets every variable (and batch-norm statistic) to `other`'s: G₀ ← G. */
  copyFrom(other: Generator): void {
    for (const p of this.store.all()) p.variable.assign(other.store.get(p.name));
  }

  /** Frees its variables. */
  dispose(): void {
    this.store.dispose();
  }
}
