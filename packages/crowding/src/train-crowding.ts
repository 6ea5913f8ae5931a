import * as tf from '@tensorflow/tfjs-core';
import { CrowdError, Rng, type CrowdLabels, type Features, type GoldLabels } from '@crowdlearn/core-matrix';
import { annotatedItems, modelAccuracy, rowsTensor, trainLoop } from '@crowdlearn/neural';
import { labelCoOccurrence, lcaAdjacency } from './co-occurrence.js';
import { CrowdInGModel } from './crowding-model.js';
import { dlCl } from './dl-cl.js';
import { cellTensors } from './gan-batch.js';
import { resolveSettings, type CrowdInGOptions, type CrowdInGSettings } from './options.js';
import { CrowdInGTrainer, type BatchRecord } from './trainer.js';

/** Held-out items with gold labels: their features (raw, as the crowd items') and gold keyed by their row. */
export interface LabelledSplit {
  /** Features of the held-out items. */
  features: Features;
  /** Gold labels of (some of) its rows. */
  gold: GoldLabels;
}

/** What CrowdInG learns from. */
export interface CrowdInGData {
  /** The observed annotations. */
  labels: CrowdLabels;
  /** Features of the crowd items, aligned to `labels.items`. */
  features: Features;
  /** Annotator features e_r (R rows); one-hot annotators when absent. */
  annotatorFeatures?: Features;
  /** A validation split: the classifier of the epoch with the best accuracy on it is kept (specs/crowding.md §9). */
  valid?: LabelledSplit;
  /** Items whose accuracy is recorded after pretraining and after every epoch, without selecting on it (a learning curve). */
  monitor?: LabelledSplit;
}

/** One epoch of the GAN schedule (epoch 0: right after pretraining). */
export interface EpochRecord {
  /** 0 after pretraining, then 1..E. */
  epoch: number;
  /** Validation accuracy of the classifier, when a validation split is given. */
  validAccuracy?: number;
  /** Accuracy on the monitored items, when given. */
  monitorAccuracy?: number;
  /** Generated annotations chosen for D over the epoch. */
  selected: number;
  /** Cells of Step A over the epoch. */
  stepACells: number;
  /** Cells of Step B over the epoch. */
  stepBCells: number;
  /** Mean D/Q loss. */
  discriminatorLoss: number;
  /** Mean adversarial cost ℓ of the sampled annotations. */
  adversarialCost: number;
}

/** What {@link trainCrowdInG} returns. */
export interface CrowdInGResult {
  /** The trained classifier and generator. */
  model: CrowdInGModel;
  /** Epoch 0 (after pretraining) and every GAN epoch. */
  history: EpochRecord[];
  /** The epoch whose classifier was kept: the best validation accuracy, else the last. */
  bestEpoch: number;
  /** The settings in force. */
  settings: CrowdInGSettings;
}

/**
 * CrowdInG (Chu & Wang, KDD 2021): learning from crowds with generative
 * augmentation. The classifier is pretrained as Crowdlayer MW (DL-CL) on the
 * observed annotations, the generator by maximum likelihood of them and
 * the discriminator and Q with G frozen; then for `epochs` epochs every
 * minibatch of instances runs nD D/Q updates on the real annotations and
 * the entropy-selected generated ones, and nG counterfactual-risk updates
 * of the generator on the instances the classifier is sure of (Step A) and
 * of the classifier through the generator on the others (Step B)
 * (specs/crowding.md §3-§4). The result's classifier predicts test items.
 */
export async function trainCrowdInG(data: CrowdInGData, options: CrowdInGOptions = {}): Promise<CrowdInGResult> {
  const settings = resolveSettings(options);
  const { labels, features } = data;
  features.assertAligned(labels, 'features');
  if (labels.numLabels === 0) throw new CrowdError('INVALID_ARGUMENT', 'CrowdInG: no annotation to learn from', { expected: 'at least one annotation' });
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const seed = options.seed ?? 0;
  const rng = new Rng(seed);

  const adjacency = lcaAdjacency(labelCoOccurrence(labels, settings.coOccurrence), K, settings.lca);
  // checked before the pretraining, which can take minutes
  const annotators = annotatorMatrix(data.annotatorFeatures, R);
  // 1. the classifier, pretrained as DL-CL (Crowdlayer MW; the reference code starts MW at 2·I)
  const classifier = dlCl(labels, options.crowdlayer);
  let trainer: CrowdInGTrainer;
  try {
    await classifier.fit({ labels, features }, { seed, ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}) });
    const ganData = { labels, x: classifier.transform(features).data, inputDim: features.numCols, annotators };
    trainer = new CrowdInGTrainer(classifier, ganData, settings, adjacency, rng.fork('networks'));
  } catch (error) {
    classifier.dispose();
    annotators.dispose();
    throw error;
  }
  const model = new CrowdInGModel(trainer);
  try {
    // 2. the generator: maximum likelihood of the observed annotations, the classifier frozen
    if (settings.pretrainGenerator && settings.generatorPretrainEpochs > 0) {
      await pretrainGenerator(trainer, classifier.predictProba(features), settings, rng.fork('pretrain-generator'), options);
    }
    trainer.refreshLogging();
    // 3. D and Q with G frozen
    const order = rng.fork('order');
    for (let epoch = 1; epoch <= settings.discriminatorPretrainEpochs; epoch++) {
      for (const items of minibatches(labels.numItems, settings.batchSize, order)) trainer.discriminatorBatch(items, rng);
    }
    // 4. the GAN epochs
    const history: EpochRecord[] = [evaluate(model, data, 0, [])];
    let best = history[0]?.validAccuracy ?? Number.NEGATIVE_INFINITY;
    let bestEpoch = 0;
    let bestWeights = data.valid !== undefined ? classifier.parameters().snapshot() : undefined;
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      if (settings.loggingPolicy === 'epochStart') trainer.refreshLogging();
      const records: BatchRecord[] = [];
      const batches = minibatches(labels.numItems, settings.batchSize, order);
      for (const [step, items] of batches.entries()) {
        if (settings.loggingPolicy === 'batchStart') trainer.refreshLogging();
        const record = trainer.trainBatch(items, rng);
        records.push(record);
        options.onProgress?.({ type: 'step', phase: 'crowding', epoch, epochs: settings.epochs, step: step + 1, steps: batches.length, loss: record.adversarialCost });
      }
      const record = evaluate(model, data, epoch, records);
      history.push(record);
      options.onProgress?.({
        type: 'epoch',
        phase: 'crowding',
        epoch,
        epochs: settings.epochs,
        step: batches.length,
        steps: batches.length,
        loss: record.adversarialCost,
        ...(record.validAccuracy !== undefined ? { validation: record.validAccuracy } : {}),
      });
      if (record.validAccuracy !== undefined && record.validAccuracy > best) {
        best = record.validAccuracy;
        bestEpoch = epoch;
        tf.dispose([...(bestWeights?.values() ?? [])]);
        bestWeights = classifier.parameters().snapshot();
      }
    }
    if (bestWeights !== undefined) {
      classifier.parameters().restore(bestWeights);
      tf.dispose([...bestWeights.values()]);
    } else {
      bestEpoch = settings.epochs;
    }
    return { model, history, bestEpoch, settings };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/** The annotator feature matrix [R, q]: the given features, or the identity (one-hot annotators). */
function annotatorMatrix(given: Features | undefined, R: number): tf.Tensor2D {
  if (given === undefined) return tf.eye(R) as tf.Tensor2D;
  if (given.numRows !== R) {
    throw new CrowdError('SHAPE_MISMATCH', 'CrowdInG: one row of annotator features per annotator', { expected: String(R), found: String(given.numRows) });
  }
  return tf.tensor2d(given.data, [R, given.numCols]);
}

/** The instances in shuffled minibatches. */
function minibatches(n: number, size: number, rng: Rng): Int32Array[] {
  const order = rng.permutation(n);
  const out: Int32Array[] = [];
  for (let start = 0; start < n; start += size) out.push(order.slice(start, Math.min(n, start + size)));
  return out;
}

/** Maximum likelihood of the observed annotations under G (specs/crowding.md §3.4 step 2), ẑ from the frozen classifier. */
async function pretrainGenerator(trainer: CrowdInGTrainer, z: Float32Array, settings: CrowdInGSettings, rng: Rng, options: CrowdInGOptions): Promise<void> {
  const { labels, x, inputDim, annotators } = trainer.data;
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const items = annotatedItems(labels);
  const noiseRng = rng.fork('noise');
  await trainLoop(
    trainer.generator.store,
    items.length,
    (idx) => {
      const rows = Int32Array.from(idx, (j) => items[j] as number);
      const cells: number[] = [];
      const observed: number[] = [];
      rows.forEach((i, n) => {
        for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) {
          cells.push(n * R + (labels.worker[e] as number));
          observed.push(labels.label[e] as number);
        }
      });
      const noise = tf.tensor2d(Float32Array.from({ length: cells.length * K }, () => noiseRng.normal()), [cells.length, K]);
      const p = trainer.generator.probs(rowsTensor(x, inputDim, rows), annotators, cellTensors(cells, R), noise, rowsTensor(z, K, rows), true);
      const picked = tf.sum(tf.mul(p, tf.cast(tf.oneHot(tf.tensor1d(Int32Array.from(observed), 'int32'), K), 'float32')), 1);
      return tf.neg(tf.mean(tf.log(tf.maximum(picked, 1e-8)))) as tf.Scalar;
    },
    {
      phase: 'crowding-generator-pretraining',
      epochs: settings.generatorPretrainEpochs,
      batchSize: settings.batchSize,
      optimizer: { type: 'adam', learningRate: settings.learningRate * (settings.codeLrScaling ? 10 : 1) },
      rng: rng.fork('order'),
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    },
  );
}

/** The epoch's record: accuracies and the sums and means of its minibatches. */
function evaluate(model: CrowdInGModel, data: CrowdInGData, epoch: number, records: BatchRecord[]): EpochRecord {
  const mean = (f: (r: BatchRecord) => number) => {
    const v = records.map(f).filter((x) => Number.isFinite(x));
    return v.length === 0 ? Number.NaN : v.reduce((a, b) => a + b, 0) / v.length;
  };
  return {
    epoch,
    ...(data.valid !== undefined ? { validAccuracy: modelAccuracy(model.classifier, data.valid.features, data.valid.gold) } : {}),
    ...(data.monitor !== undefined ? { monitorAccuracy: modelAccuracy(model.classifier, data.monitor.features, data.monitor.gold) } : {}),
    selected: records.reduce((s, r) => s + r.selected, 0),
    stepACells: records.reduce((s, r) => s + r.stepACells, 0),
    stepBCells: records.reduce((s, r) => s + r.stepBCells, 0),
    discriminatorLoss: mean((r) => r.discriminatorLoss),
    adversarialCost: mean((r) => r.adversarialCost),
  };
}
