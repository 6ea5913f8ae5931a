import * as tf from '@tensorflow/tfjs-core';
import { columnStats, CrowdError, Rng, standardize, type ColumnStats, type CrowdLabels, type Features, type Seed } from '@crowdlearn/core-matrix';
import { Dense, ParamStore, rowsTensor, trainLoop, type ProgressEvent, type TrainHistory } from '@crowdlearn/neural';
import { ExpertBank } from './expert-bank.js';
import type { MmlcConfig } from './presets.js';

/** Options of {@link MmlcModel.fit}. */
export interface MmlcFitOptions {
  /** Seed of initialisation and of the one shuffle of the rows. Default 0. */
  seed?: Seed;
  /** Progress of the training loop. */
  onProgress?: (event: ProgressEvent) => void;
}

const CHUNK = 2048;

/**
 * The MMLC worker model (specs/mmlc.md §3): learning from crowds as
 * multi-task learning, one task per worker, with no latent truth.
 * - Experts: E MLPs give U(x) ∈ R^{H x E}.
 * - Gate: the one-hot worker → Dense(h_g, ReLU) → Dense(E) → softmax gives
 *   the worker's projection vector v(w) on the simplex (the code's attention
 *   layer over a length-1 sequence is the identity and is omitted).
 * - Projection U(x) v(w) (Eq. 5) → tower → softmax over K: what worker w
 *   would answer on item x (Eq. 6).
 * Trained with cross-entropy on the observed (item, worker, label) rows
 * (Eq. 7).
 */
export class MmlcModel {
  /** The network and training settings. */
  readonly config: MmlcConfig;
  /** K. */
  readonly numClasses: number;
  /** R. */
  readonly numWorkers: number;
  readonly #store = new ParamStore();
  #experts: ExpertBank | undefined;
  #gate: Dense[] = [];
  #tower: Dense[] = [];
  #stats: ColumnStats | undefined;
  #inputDim = 0;

  constructor(numClasses: number, numWorkers: number, config: MmlcConfig) {
    this.numClasses = numClasses;
    this.numWorkers = numWorkers;
    this.config = config;
  }

  /** The model's variables (for freezing parts, saving). */
  get store(): ParamStore {
    return this.#store;
  }

  #build(inputDim: number, rng: Rng): void {
    const c = this.config;
    this.#inputDim = inputDim;
    this.#experts = new ExpertBank(this.#store, 'experts', inputDim, c.experts, c.expertHidden, rng.fork('experts'));
    const gateRng = rng.fork('gate');
    this.#gate = [new Dense(this.#store, 'gate/hidden', this.numWorkers, c.gateHidden, 'glorotUniform', gateRng), new Dense(this.#store, 'gate/output', c.gateHidden, c.experts, 'glorotUniform', gateRng)];
    const towerRng = rng.fork('tower');
    let dim = this.#experts.outputDim;
    this.#tower = [];
    c.tower.forEach((units, l) => {
      this.#tower.push(new Dense(this.#store, `tower/dense${l}`, dim, units, 'glorotUniform', towerRng));
      dim = units;
    });
    this.#tower.push(new Dense(this.#store, 'tower/output', dim, this.numClasses, 'glorotUniform', towerRng));
  }

  /** v(w) of a batch of workers [B] → [B, E]. */
  gate(workers: ArrayLike<number>): tf.Tensor2D {
    const oneHot = new Float32Array(workers.length * this.numWorkers);
    for (let b = 0; b < workers.length; b++) oneHot[b * this.numWorkers + (workers[b] as number)] = 1;
    const [hidden, output] = this.#gate as [Dense, Dense];
    return tf.softmax(output.apply(tf.relu(hidden.apply(tf.tensor2d(oneHot, [workers.length, this.numWorkers])))));
  }

  /** U(x) of a batch [B, d] → [B, E, H]. */
  expertOutputs(x: tf.Tensor2D): tf.Tensor3D {
    return this.#trained().apply(x);
  }

  /** Eq. 5: U(x) v for a batch of expert outputs [B, E, H] and projection vectors [B, E] → [B, H]. */
  static project(u: tf.Tensor3D, v: tf.Tensor2D): tf.Tensor2D {
    return tf.sum(tf.mul(u, tf.expandDims(v, 2)), 1) as tf.Tensor2D;
  }

  /** The tower's logits of projections [B, H] → [B, K]. */
  towerLogits(projection: tf.Tensor2D): tf.Tensor2D {
    let h = projection;
    this.#tower.forEach((layer, l) => {
      h = layer.apply(h);
      if (l < this.#tower.length - 1 && this.config.towerActivation === 'relu') h = tf.relu(h);
    });
    return h;
  }

  /** Trains on the observed annotations (every row of `labels`). Reinitialises the model. */
  async fit(labels: CrowdLabels, features: Features, options: MmlcFitOptions = {}): Promise<TrainHistory> {
    features.assertAligned(labels, 'features');
    if (labels.numClasses !== this.numClasses || labels.numWorkers > this.numWorkers) {
      throw new CrowdError('SHAPE_MISMATCH', 'MMLC: the annotations do not fit the model', {
        expected: `${this.numClasses} classes and at most ${this.numWorkers} workers`,
        found: `${labels.numClasses} classes and ${labels.numWorkers} workers`,
      });
    }
    if (labels.numLabels === 0) throw new CrowdError('INVALID_ARGUMENT', 'MMLC: no annotations to train on');
    const rng = new Rng(options.seed ?? 0);
    this.#store.dispose();
    this.#stats = this.config.standardize ? columnStats(features) : undefined;
    this.#build(features.numCols, rng.fork('init'));
    const x = this.#transform(features).data;
    const K = this.numClasses;
    // The code shuffles the rows once, before training.
    const order = rng.fork('rows').permutation(labels.numLabels);
    const c = this.config;
    return trainLoop(
      this.#store,
      labels.numLabels,
      (batch) => {
        const rows = Int32Array.from(batch, (j) => order[j] as number);
        const items = Int32Array.from(rows, (e) => labels.item[e] as number);
        const workers = Int32Array.from(rows, (e) => labels.worker[e] as number);
        const target = new Float32Array(rows.length * K);
        rows.forEach((e, b) => (target[b * K + (labels.label[e] as number)] = 1));
        const logits = this.towerLogits(MmlcModel.project(this.#expertOutputsOfRows(x, items), this.gate(workers)));
        const loss = tf.losses.softmaxCrossEntropy(tf.tensor2d(target, [rows.length, K]), logits) as tf.Scalar;
        return c.l2 > 0 ? (tf.add(loss, tf.mul(this.#frobenius(), c.l2)) as tf.Scalar) : loss;
      },
      {
        phase: 'mmlc',
        epochs: c.epochs,
        batchSize: c.batchSize,
        optimizer: { type: 'adam', learningRate: c.learningRate },
        rng: rng.fork('shuffle'),
        shuffle: c.shuffleEachEpoch,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      },
    );
  }

  /**
   * U(x) for the items of a batch of rows [B] → [B, E, H]. Rows share items
   * (Music: about 2,000 rows of 700 songs per batch), so the experts run once
   * per distinct item and their outputs are gathered per row.
   */
  #expertOutputsOfRows(x: Float32Array, items: Int32Array): tf.Tensor3D {
    const position = new Map<number, number>();
    const local = Int32Array.from(items, (i) => {
      let p = position.get(i);
      if (p === undefined) position.set(i, (p = position.size));
      return p;
    });
    const distinct = Int32Array.from(position.keys());
    const u = this.expertOutputs(rowsTensor(x, this.#inputDim, distinct));
    if (distinct.length === items.length) return u;
    const [, E, H] = u.shape;
    return tf.reshape(tf.gather(tf.reshape(u, [distinct.length, E * H]), tf.tensor1d(local, 'int32')), [items.length, E, H]);
  }

  /** Σ ||W||_F over the kernels (Eq. 7's penalty, not squared). */
  #frobenius(): tf.Scalar {
    const terms = this.#store
      .all()
      .filter((p) => p.decay)
      .map((p) => tf.sqrt(tf.add(tf.sum(tf.square(p.variable)), 1e-12)));
    return tf.addN(terms) as tf.Scalar;
  }

  /** What worker `workers[j]` would answer on item `items[j]`: row-major M x K. */
  workerProba(features: Features, items: ArrayLike<number>, workers: ArrayLike<number>): Float32Array {
    const x = this.#transform(features).data;
    const K = this.numClasses;
    const out = new Float32Array(items.length * K);
    for (let start = 0; start < items.length; start += CHUNK) {
      const end = Math.min(items.length, start + CHUNK);
      const rows = Int32Array.from({ length: end - start }, (_, j) => items[start + j] as number);
      const ws = Int32Array.from({ length: end - start }, (_, j) => workers[start + j] as number);
      const p = tf.tidy(() => tf.softmax(this.towerLogits(MmlcModel.project(this.expertOutputs(rowsTensor(x, this.#inputDim, rows)), this.gate(ws)))).dataSync());
      out.set(p, start * K);
    }
    return out;
  }

  /** Every worker's projection vector v(w), row-major R x E. */
  projections(): Float32Array {
    const workers = Int32Array.from({ length: this.numWorkers }, (_, r) => r);
    return tf.tidy(() => this.gate(workers).dataSync() as Float32Array);
  }

  /** Eq. 9: the answers of a worker with projection vector `v` (length E, on the simplex) on every row of `features`, row-major N x K. */
  projectedProba(features: Features, v: ArrayLike<number>): Float32Array {
    const x = this.#transform(features).data;
    const K = this.numClasses;
    const N = features.numRows;
    const out = new Float32Array(N * K);
    for (let start = 0; start < N; start += CHUNK) {
      const end = Math.min(N, start + CHUNK);
      const rows = Int32Array.from({ length: end - start }, (_, j) => start + j);
      const p = tf.tidy(() => {
        const vb = tf.tile(tf.tensor2d(Float32Array.from(v), [1, this.config.experts]), [end - start, 1]) as tf.Tensor2D;
        return tf.softmax(this.towerLogits(MmlcModel.project(this.expertOutputs(rowsTensor(x, this.#inputDim, rows)), vb))).dataSync();
      });
      out.set(p, start * K);
    }
    return out;
  }

  /** The features as the network sees them. */
  #transform(features: Features): Features {
    if (this.#experts !== undefined && features.numCols !== this.#inputDim) {
      throw new CrowdError('SHAPE_MISMATCH', 'MMLC: wrong feature dimension', { expected: String(this.#inputDim), found: String(features.numCols) });
    }
    return this.#stats === undefined ? features : standardize(features, { stats: this.#stats }).features;
  }

  /** Standardised host features for internal use (the upper-limit diagnostic). */
  hostFeatures(features: Features): Float32Array {
    return this.#transform(features).data;
  }

  #trained(): ExpertBank {
    if (this.#experts === undefined) throw new CrowdError('INVALID_ARGUMENT', 'MMLC: the model is not trained', { expected: 'fit() first' });
    return this.#experts;
  }

  /** Frees the variables. */
  dispose(): void {
    this.#store.dispose();
  }
}
