import * as tf from '@tensorflow/tfjs-core';
import type { Features, Rng } from '@crowdlearn/core-matrix';
import { Dense } from '../layers/dense.js';
import { selectRows } from '../layers/select-rows.js';
import { matricesTimesVectors } from '../layers/row-products.js';
import { rowsTensor } from '../training/batch.js';
import { trainLoop } from '../training/train-loop.js';
import { annotatedItems, type AnnotationBatch } from './annotation-batch.js';
import { BaseCrowdModel, type BaseModelOptions } from './base-model.js';
import type { CrowdTrainingData, FitOptions, FitReport } from './crowd-model.js';
import { phaseEpochs } from './presets.js';

/** Options of {@link DoctorNet}. */
export interface DoctorNetOptions extends BaseModelOptions {
  /** `'learned'` (WDN, default) learns the averaging weights in phase 2; `'uniform'` averages the heads (Doctor Net). */
  weighting?: 'learned' | 'uniform';
}

/**
 * Doctor Net and WDN (Guan et al. 2018): a shared trunk h(x) and one softmax
 * head per worker (one Dense(R·K) reshaped to [B, R, K]), trained in phase 1
 * by cross-entropy on the observed annotations. In phase 2 (WDN) the trunk and
 * heads are frozen and averaging weights w = softmax(ω), ω starting at 0, are
 * fitted so that Σ_r w_r p_r(x) matches each annotated item's mean one-hot
 * annotation. Prediction is the weighted average of the heads.
 *
 * Cite: M. Y. Guan, V. Gulshan, A. M. Dai, G. E. Hinton, "Who said what:
 * modeling individual labelers improves classification", AAAI 2018.
 */
export class DoctorNet extends BaseCrowdModel {
  readonly kind: string;
  /** Learned (WDN) or uniform (Doctor Net) averaging of the heads. */
  readonly weighting: 'learned' | 'uniform';
  #heads: Dense | undefined;
  #omega: tf.Variable | undefined;

  constructor(options: DoctorNetOptions) {
    super(options);
    this.weighting = options.weighting ?? 'learned';
    this.kind = this.weighting === 'learned' ? 'wdn' : 'doctor-net';
  }

  protected buildCrowdParams(rng: Rng): void {
    const trunkDim = this.trained().trunkDim;
    this.#heads = new Dense(this.store, 'heads', trunkDim, this.numWorkers * this.numClasses, this.preset.network.init, rng);
    this.#omega = this.store.add('heads/averaging-logits', tf.zeros([this.numWorkers]));
  }

  /** Every head's distribution [B, R, K]. */
  #headProbs(x: tf.Tensor2D, training: boolean): tf.Tensor3D {
    const h = this.trained().trunk(x, training);
    const logits = (this.#heads as Dense).apply(h);
    return tf.softmax(tf.reshape(logits, [x.shape[0], this.numWorkers, this.numClasses]) as tf.Tensor3D);
  }

  /** The averaging weights w (length R). */
  workerWeights(): Float32Array {
    return tf.tidy(() => (this.weighting === 'learned' ? tf.softmax(this.#omega as tf.Variable) : tf.fill([this.numWorkers], 1 / this.numWorkers)).dataSync() as Float32Array);
  }

  /**
   * Each annotation's head, computed for that annotation only: its item's
   * trunk output times its worker's head weights (selected by one-hot
   * products, so the gradient exists on every backend).
   */
  protected annotationProbs(x: tf.Tensor2D, batch: AnnotationBatch, training: boolean): tf.Tensor2D {
    const heads = this.#heads as Dense;
    const K = this.numClasses;
    const h = selectRows(this.trained().trunk(x, training), batch.position); // [E, H]
    const H = h.shape[1];
    // kernel [R·K, H] -> per worker [K, H]; bias [R·K] -> per worker [K]
    const kernels = selectRows(tf.reshape(heads.kernel, [this.numWorkers, K * H]) as tf.Tensor2D, batch.worker);
    const biases = selectRows(tf.reshape(heads.bias, [this.numWorkers, K]) as tf.Tensor2D, batch.worker);
    const logits = matricesTimesVectors(tf.reshape(kernels, [batch.count, K, H]) as tf.Tensor3D, h);
    return tf.softmax(tf.add(logits, biases) as tf.Tensor2D);
  }

  override classProbs(x: tf.Tensor2D, training: boolean): tf.Tensor2D {
    const heads = this.#headProbs(x, training);
    const w = this.weighting === 'learned' ? tf.softmax(this.#omega as tf.Variable) : tf.fill([this.numWorkers], 1 / this.numWorkers);
    return tf.sum(tf.mul(heads, tf.reshape(w, [1, this.numWorkers, 1])), 1) as tf.Tensor2D;
  }

  override async fit(data: CrowdTrainingData, options: FitOptions = {}): Promise<FitReport> {
    const { x, rng, warm } = this.prepare(data, options);
    const phase1 = await this.trainOnAnnotations(data, x, rng, warm, `${this.kind}-heads`, this.preset.wdn.phase1, options, ['classifier/dense', 'classifier/bn', 'heads/kernel', 'heads/bias']);
    const phases: FitReport['phases'] = { [`${this.kind}-heads`]: phase1 };
    if (this.weighting === 'learned') phases[`${this.kind}-weights`] = await this.#fitWeights(data, x, rng, warm, options);
    return { phases };
  }

  /** Phase 2: only ω trains, against each item's mean one-hot annotation. */
  async #fitWeights(data: CrowdTrainingData, x: Float32Array, rng: Rng, warm: boolean, options: FitOptions) {
    const { labels } = data;
    const items = annotatedItems(labels);
    const K = this.numClasses;
    const config = this.preset.wdn.phase2;
    return trainLoop(
      this.store,
      items.length,
      (idx) => {
        const rows = Int32Array.from(idx, (j) => items[j] as number);
        const target = new Float32Array(rows.length * K);
        rows.forEach((i, j) => {
          const n = labels.itemDegree(i);
          for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) target[j * K + (labels.label[e] as number)]! += 1 / n;
        });
        const p = this.classProbs(rowsTensor(x, this.inputDim, rows), false);
        const logp = tf.log(tf.clipByValue(p, 1e-7, 1));
        return tf.neg(tf.mean(tf.sum(tf.mul(tf.tensor2d(target, [rows.length, K]), logp), 1))) as tf.Scalar;
      },
      {
        phase: `${this.kind}-weights`,
        epochs: phaseEpochs(config, warm),
        batchSize: config.batchSize,
        optimizer: config.optimizer,
        rng: rng.fork('weights'),
        trainablePrefixes: ['heads/averaging-logits'],
        ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
      },
    );
  }

  /** Per-head distributions for rows of `features`, row-major N x R x K. */
  headProba(features: Features): Float32Array {
    const x = this.transform(features).data;
    const rows = Int32Array.from({ length: features.numRows }, (_, i) => i);
    return tf.tidy(() => this.#headProbs(rowsTensor(x, this.inputDim, rows), false).dataSync() as Float32Array);
  }
}
