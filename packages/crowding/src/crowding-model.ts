import * as tf from '@tensorflow/tfjs-core';
import { CrowdError, emptyCells, mergeCompleted, Rng, RowArgmax, type CompletedCells, type CrowdLabels, type Features, type Seed } from '@crowdlearn/core-matrix';
import { rowsTensor, type Crowdlayer } from '@crowdlearn/neural';
import { cellTensors } from './gan-batch.js';
import type { CrowdInGTrainer } from './trainer.js';

/** Options of {@link CrowdInGModel.generate}. */
export interface GenerateOptions {
  /** `'argmax'`: the generator's most likely annotation (DL-CL+InG); `'sample'`: a draw from it. Default `'argmax'`. */
  mode?: 'argmax' | 'sample';
  /** Seed of the noise ε and of the draws. Default 0. */
  seed?: Seed;
}

const GENERATE_CHUNK = 512;

/**
 * A trained CrowdInG: its classifier (what predicts test items) and its
 * generator (what fills the annotation matrix).
 */
export class CrowdInGModel {
  readonly #trainer: CrowdInGTrainer;

  /** @internal Made by {@link trainCrowdInG}. */
  constructor(trainer: CrowdInGTrainer) {
    this.#trainer = trainer;
  }

  /** The classifier as a crowd model (the Crowdlayer CrowdInG trained further); its `predictProba` is CrowdInG's prediction. */
  get classifier(): Crowdlayer {
    return this.#trainer.classifier;
  }

  /** Class distribution of every row of `features` (row-major N x K). */
  predictProba(features: Features): Float32Array {
    return this.classifier.predictProba(features);
  }

  /**
   * The generator's annotation for every unobserved (instance, annotator)
   * cell of `labels` (the crowd the model was trained on, or the same
   * annotators on other instances with their `features`), with ẑ from the
   * trained classifier and fresh noise.
   */
  generate(labels: CrowdLabels, features: Features, options: GenerateOptions = {}): CompletedCells {
    const { generator, data } = this.#trainer;
    const K = labels.numClasses;
    const R = labels.numWorkers;
    if (K !== data.labels.numClasses || R !== data.labels.numWorkers) {
      throw new CrowdError('SHAPE_MISMATCH', 'CrowdInG: the annotations do not fit the model', {
        expected: `${data.labels.numClasses} classes and ${data.labels.numWorkers} annotators`,
        found: `${K} classes and ${R} annotators`,
      });
    }
    features.assertAligned(labels, 'features');
    const rng = new Rng(options.seed ?? 0);
    const x = this.classifier.transform(features).data;
    const d = features.numCols;
    const z = this.predictProba(features);
    // every empty cell, of every annotator, by blocks of GENERATE_CHUNK items
    const { item, worker } = emptyCells(labels, true);
    const label = new Int32Array(item.length);
    for (let start = 0; start < item.length; ) {
      const first = Math.floor((item[start] as number) / GENERATE_CHUNK) * GENERATE_CHUNK;
      let end = start;
      while (end < item.length && (item[end] as number) < first + GENERATE_CHUNK) end++;
      const rows = Int32Array.from({ length: Math.min(GENERATE_CHUNK, labels.numItems - first) }, (_, n) => first + n);
      const cells = Int32Array.from({ length: end - start }, (_, j) => ((item[start + j] as number) - first) * R + (worker[start + j] as number));
      const noise = Float32Array.from({ length: cells.length * K }, () => rng.normal());
      const p = tf.tidy(() =>
        generator.probs(rowsTensor(x, d, rows), data.annotators, cellTensors(cells, R), tf.tensor2d(noise, [cells.length, K]), rowsTensor(z, K, rows), false),
      );
      const probs = p.dataSync();
      p.dispose();
      for (let j = 0; j < cells.length; j++) {
        const row = probs.subarray(j * K, (j + 1) * K);
        label[start + j] = options.mode === 'sample' ? rng.weightedChoice(row) : lowest.pick(row, 0, row.length);
      }
      start = end;
    }
    return { item, worker, label };
  }

  /** `labels` with every unobserved cell filled by {@link generate} (origin `completed`). */
  augment(labels: CrowdLabels, features: Features, options: GenerateOptions = {}): CrowdLabels {
    return mergeCompleted(labels, this.generate(labels, features, options)).labels;
  }

  /** Frees the classifier, the generator and the discriminative module. */
  dispose(): void {
    this.#trainer.dispose();
    this.#trainer.classifier.dispose();
    this.#trainer.data.annotators.dispose();
  }
}

/** The most likely class (the lowest on ties). */
const lowest = new RowArgmax('lowest', 0);
