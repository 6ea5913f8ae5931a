import * as tf from '@tensorflow/tfjs-core';
import type { Features, Rng } from '@crowdlearn/core-matrix';
import { dawidSkene, majorityVote } from '@crowdlearn/aggregators';
import { rowsTensor } from '../training/batch.js';
import { trainLoop } from '../training/train-loop.js';
import { annotatedItems, type AnnotationBatch } from './annotation-batch.js';
import { BaseCrowdModel, type BaseModelOptions } from './base-model.js';
import type { CrowdTrainingData, FitOptions, FitReport } from './crowd-model.js';
import { phaseEpochs } from './presets.js';

/** Options of {@link AggregateThenTrain}. */
export interface AggregateThenTrainOptions extends BaseModelOptions {
  /** `'mv'` (MV-DL, random ties) or `'ds'` (DS-DL, Dawid-Skene posterior). Default `'mv'`. */
  aggregator?: 'mv' | 'ds';
  /** Train on the aggregator's distribution instead of its argmax. Default false. */
  softTargets?: boolean;
}

/**
 * MV-DL and DS-DL: aggregate the annotations first (majority vote or
 * Dawid-Skene, from `@crowdlearn/aggregators`), then train the classifier
 * with cross-entropy on the aggregated labels of the items that have
 * annotations. These models have no worker model: `workerProba` returns the
 * classifier's distribution for every worker.
 */
export class AggregateThenTrain extends BaseCrowdModel {
  readonly kind: string;
  /** Which aggregator makes the training labels. */
  readonly aggregator: 'mv' | 'ds';
  readonly #soft: boolean;

  constructor(options: AggregateThenTrainOptions) {
    super(options);
    this.aggregator = options.aggregator ?? 'mv';
    this.#soft = options.softTargets ?? false;
    this.kind = `${this.aggregator}-dl`;
  }

  protected buildCrowdParams(_rng: Rng): void {}

  protected annotationProbs(x: tf.Tensor2D, batch: AnnotationBatch, training: boolean): tf.Tensor2D {
    return tf.gather(this.classProbs(x, training), batch.position) as tf.Tensor2D;
  }

  override async fit(data: CrowdTrainingData, options: FitOptions = {}): Promise<FitReport> {
    const { x, rng, warm } = this.prepare(data, options);
    const K = this.numClasses;
    const seed = options.seed ?? 0;
    const aggregated = this.aggregator === 'mv' ? majorityVote(data.labels, { seed }) : dawidSkene(data.labels, { seed });
    const items = annotatedItems(data.labels);
    const targets = new Float32Array(items.length * K);
    items.forEach((i, j) => {
      if (this.#soft) targets.set(aggregated.posteriors.subarray(i * K, (i + 1) * K), j * K);
      else targets[j * K + (aggregated.labels[i] as number)] = 1;
    });
    const config = this.preset.training;
    const history = await trainLoop(
      this.store,
      items.length,
      (idx) => {
        const rows = Int32Array.from(idx, (j) => items[j] as number);
        const logits = this.trained().logits(rowsTensor(x, this.inputDim, rows), true);
        return tf.losses.softmaxCrossEntropy(rowsTensor(targets, K, idx), logits) as tf.Scalar;
      },
      {
        phase: this.kind,
        epochs: phaseEpochs(config, warm),
        batchSize: config.batchSize,
        optimizer: config.optimizer,
        weightDecay: config.weightDecay,
        rng: rng.fork(this.kind),
        ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
      },
    );
    return { phases: { [this.kind]: history } };
  }

  override workerProba(features: Features, items: ArrayLike<number>, workers: ArrayLike<number>): Float32Array {
    void workers;
    const p = this.predictProba(features);
    const K = this.numClasses;
    const out = new Float32Array(items.length * K);
    for (let j = 0; j < items.length; j++) out.set(p.subarray((items[j] as number) * K, ((items[j] as number) + 1) * K), j * K);
    return out;
  }
}
