import * as tf from '@tensorflow/tfjs-core';
import { columnStats, CrowdError, Features, Rng, rowArgmax, standardize, type ColumnStats } from '@crowdlearn/core-matrix';
import { Mlp } from '../layers/mlp.js';
import { ParamStore } from '../layers/param-store.js';
import { rowsTensor } from '../training/batch.js';
import { trainLoop, type TrainHistory } from '../training/train-loop.js';
import { annotatedItems, annotationBatch, annotationLoss, type AnnotationBatch, type AnnotationLoss } from './annotation-batch.js';
import type { CrowdModel, CrowdTrainingData, FitOptions, FitReport } from './crowd-model.js';
import { MODEL_PRESETS, phaseEpochs, type ModelPreset, type NetworkConfig, type PresetName, type TrainingConfig } from './presets.js';

/** A fitted model's input dimension and standardisation statistics (saved with it). */
export interface InputState {
  /** Feature dimension d. */
  inputDim: number;
  /** Column statistics the features are standardised with, when the network standardises. */
  stats?: ColumnStats;
}

/** Options every base model takes. */
export interface BaseModelOptions {
  /** Number of classes K. */
  numClasses: number;
  /** Number of workers R. */
  numWorkers: number;
  /** Settings preset (specs/dasc.md §5). Default `'default'`. */
  preset?: PresetName;
  /** Overrides of the preset's network. */
  network?: Partial<NetworkConfig>;
  /** Overrides of the preset's main training phase. */
  training?: Partial<TrainingConfig>;
  /** The loss on each annotation (Doctor Net: in phase 1). Default cross-entropy. */
  loss?: AnnotationLoss;
}

/**
 * What the base models share: a classifier MLP f(x) on (optionally
 * standardised) features, batched inference, and the annotation training
 * phase (minibatches of annotated items, the model's annotation
 * probabilities, weighted cross-entropy plus the model's penalty).
 */
export abstract class BaseCrowdModel implements CrowdModel {
  abstract readonly kind: string;
  readonly numClasses: number;
  readonly numWorkers: number;
  /** The settings in force (the preset with the overrides applied). */
  readonly preset: ModelPreset;
  protected store = new ParamStore();
  protected classifier: Mlp | undefined;
  protected stats: ColumnStats | undefined;
  protected inputDim = 0;

  /** The options the model was made with (saved with it). */
  readonly options: BaseModelOptions;

  constructor(options: BaseModelOptions) {
    this.options = options;
    this.numClasses = options.numClasses;
    this.numWorkers = options.numWorkers;
    const base = MODEL_PRESETS[options.preset ?? 'default'];
    this.preset = {
      ...base,
      network: { ...base.network, ...options.network },
      training: { ...base.training, ...options.training },
    };
  }

  /** Builds the model-specific parameters (called after the classifier exists). */
  protected abstract buildCrowdParams(rng: Rng): void;

  /** Annotation distributions [E, K] of a batch, given the batch's features [B, d]. */
  protected abstract annotationProbs(x: tf.Tensor2D, batch: AnnotationBatch, training: boolean): tf.Tensor2D;

  /** A penalty added to the loss (Anno-Reg's trace term); zero by default. */
  protected penalty(): tf.Scalar | undefined {
    return undefined;
  }

  /** (Re)creates every parameter for inputs of dimension `inputDim`. */
  protected build(inputDim: number, rng: Rng): void {
    this.store.dispose();
    this.store = new ParamStore();
    this.inputDim = inputDim;
    const n = this.preset.network;
    this.classifier = new Mlp(
      this.store,
      'classifier',
      { inputDim, hidden: n.hidden, outputDim: this.numClasses, batchNorm: n.batchNorm, dropout: n.dropout, init: n.init },
      rng.fork('classifier'),
    );
    this.buildCrowdParams(rng.fork('crowd'));
  }

  /**
   * Checks the data and prepares (standardised) features; builds the model
   * unless warm-starting (`warm`: the fit continues from the current weights).
   */
  protected prepare(data: CrowdTrainingData, options: FitOptions): { x: Float32Array; rng: Rng; warm: boolean } {
    const { labels, features } = data;
    features.assertAligned(labels, 'features');
    if (labels.numClasses !== this.numClasses || labels.numWorkers > this.numWorkers) {
      throw new CrowdError('SHAPE_MISMATCH', `${this.kind}: the annotations do not fit the model`, {
        expected: `${this.numClasses} classes and at most ${this.numWorkers} workers`,
        found: `${labels.numClasses} classes and ${labels.numWorkers} workers`,
      });
    }
    const rng = new Rng(options.seed ?? 0);
    const warm = options.warmStart === true && this.classifier !== undefined && this.inputDim === features.numCols;
    if (!warm) {
      this.stats = this.preset.network.standardize ? columnStats(features) : undefined;
      this.build(features.numCols, rng.fork('init'));
    }
    return { x: this.transform(features).data, rng, warm };
  }

  /**
   * The features as the network sees them (standardised with the training
   * statistics when configured): the input of {@link classProbs}.
   */
  transform(features: Features): Features {
    if (features.numCols !== this.inputDim) {
      throw new CrowdError('SHAPE_MISMATCH', `${this.kind}: wrong feature dimension`, {
        expected: String(this.inputDim),
        found: String(features.numCols),
      });
    }
    return this.stats === undefined ? features : standardize(features, { stats: this.stats }).features;
  }

  /**
   * Trains on the annotations with weighted cross-entropy (plus the
   * penalty), one phase; `warm` selects the phase's warm-start epochs.
   */
  protected async trainOnAnnotations(
    data: CrowdTrainingData,
    x: Float32Array,
    rng: Rng,
    warm: boolean,
    phase: string,
    config: TrainingConfig,
    options: FitOptions,
    trainablePrefixes?: readonly string[],
  ): Promise<TrainHistory> {
    const items = annotatedItems(data.labels);
    const d = this.inputDim;
    return trainLoop(
      this.store,
      items.length,
      (idx) => {
        const rows = Int32Array.from(idx, (j) => items[j] as number);
        const batch = annotationBatch(data.labels, rows, data.annotationWeights);
        const loss = annotationLoss(this.annotationProbs(rowsTensor(x, d, rows), batch, true), batch, this.options.loss);
        const extra = this.penalty();
        return extra === undefined ? loss : (tf.add(loss, extra) as tf.Scalar);
      },
      {
        phase,
        epochs: phaseEpochs(config, warm),
        batchSize: config.batchSize,
        optimizer: config.optimizer,
        weightDecay: config.weightDecay,
        rng: rng.fork(phase),
        ...(trainablePrefixes !== undefined ? { trainablePrefixes } : {}),
        ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
        ...this.#validation(options),
      },
    );
  }

  /** The train loop's validation settings for {@link FitOptions.validation}: best-epoch weights kept, optional early stop. */
  #validation(options: FitOptions): { validate?: () => number; patience?: number } {
    const split = options.validation;
    if (split === undefined) return {};
    return { validate: () => modelAccuracy(this, split.features, split.gold), patience: split.patience ?? Number.POSITIVE_INFINITY };
  }

  async fit(data: CrowdTrainingData, options: FitOptions = {}): Promise<FitReport> {
    const { x, rng, warm } = this.prepare(data, options);
    const history = await this.trainOnAnnotations(data, x, rng, warm, this.kind, this.preset.training, options);
    return { phases: { [this.kind]: history } };
  }

  /**
   * The classifier's class distribution of a batch [B, d] of
   * {@link transform}ed features → [B, K], inside the caller's graph: a
   * method that keeps training the classifier (CrowdInG) takes gradients
   * through it, with the variables named `classifier/...` in
   * {@link parameters}.
   */
  classProbs(x: tf.Tensor2D, training: boolean): tf.Tensor2D {
    return tf.softmax(this.trained().logits(x, training));
  }

  predictProba(features: Features): Float32Array {
    const x = this.transform(features).data;
    const d = this.inputDim;
    const K = this.numClasses;
    const out = new Float32Array(features.numRows * K);
    const chunk = 1024;
    for (let start = 0; start < features.numRows; start += chunk) {
      const rows = Int32Array.from({ length: Math.min(chunk, features.numRows - start) }, (_, j) => start + j);
      const p = tf.tidy(() => this.classProbs(rowsTensor(x, d, rows), false));
      out.set(p.dataSync(), start * K);
      p.dispose();
    }
    return out;
  }

  workerProba(features: Features, items: ArrayLike<number>, workers: ArrayLike<number>): Float32Array {
    const x = this.transform(features).data;
    const d = this.inputDim;
    const K = this.numClasses;
    const out = new Float32Array(items.length * K);
    const chunk = 4096;
    for (let start = 0; start < items.length; start += chunk) {
      const m = Math.min(chunk, items.length - start);
      const rows = Int32Array.from({ length: m }, (_, j) => items[start + j] as number);
      const p = tf.tidy(() => {
        const batch: AnnotationBatch = {
          position: tf.tensor1d(Int32Array.from({ length: m }, (_, j) => j), 'int32'),
          worker: tf.tensor1d(Int32Array.from({ length: m }, (_, j) => workers[start + j] as number), 'int32'),
          target: tf.zeros([m, K]),
          weight: tf.ones([m]),
          count: m,
        };
        return this.annotationProbs(rowsTensor(x, d, rows), batch, false);
      });
      out.set(p.dataSync(), start * K);
      p.dispose();
    }
    return out;
  }

  /** The parameters, for saving. */
  parameters(): ParamStore {
    return this.store;
  }

  /** What a saved model needs besides its weights: the input dimension and the standardisation statistics. */
  inputState(): InputState {
    return this.stats === undefined ? { inputDim: this.inputDim } : { inputDim: this.inputDim, stats: this.stats };
  }

  /** Rebuilds the parameters for `inputDim` and assigns saved values (used by `loadModel`). */
  restore(inputDim: number, stats: ColumnStats | undefined, values: tf.NamedTensorMap): void {
    this.stats = stats;
    this.build(inputDim, new Rng(0));
    this.store.restore(values);
  }

  /** The classifier, or an error before the first fit. */
  protected trained(): Mlp {
    if (this.classifier === undefined) throw new CrowdError('INVALID_ARGUMENT', `${this.kind}: the model has not been fitted`);
    return this.classifier;
  }

  dispose(): void {
    this.store.dispose();
    this.classifier = undefined;
  }
}

/** Test accuracy of a model: the fraction of rows whose argmax class equals `gold[row]`. */
export function modelAccuracy(model: CrowdModel, features: Features, gold: { items: Int32Array; labels: Int32Array }): number {
  const predicted = rowArgmax(model.predictProba(features), features.numRows, model.numClasses);
  let hit = 0;
  for (let j = 0; j < gold.items.length; j++) if (predicted[gold.items[j] as number] === gold.labels[j]) hit++;
  return gold.items.length === 0 ? Number.NaN : hit / gold.items.length;
}
