import * as tf from '@tensorflow/tfjs-core';
import { CrowdError, fillEmptyCells, Rng, type CrowdLabels, type Features, type FillRule, type Seed, type WorkerModel } from '@crowdlearn/core-matrix';
import { rowsTensor, type Crowdlayer } from '@crowdlearn/neural';
import { cellTensors } from './gan-batch.js';
import type { CrowdInGTrainer } from './trainer.js';

/** Options of {@link CrowdInGModel.augment}. */
export interface AugmentOptions {
  /** `'argmax'`: the generator's most likely annotation (DL-CL+InG); `'sample'`: a draw from it. Default `'argmax'`. */
  fill?: FillRule;
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
   * The generator as a worker model: the annotation distribution of any
   * (instance, annotator) cell, with ẑ from the trained classifier and fresh
   * noise ε drawn from `noise` for each cell in the order asked (so the same
   * generator gives the same answers). Cells are taken in blocks of
   * instances, as the generator sees a minibatch.
   */
  workerModel(noise: Rng): WorkerModel {
    const { generator, data } = this.#trainer;
    const K = data.labels.numClasses;
    const R = data.labels.numWorkers;
    return {
      numClasses: K,
      workerProba: (features, items, workers) => {
        const x = this.classifier.transform(features).data;
        const d = features.numCols;
        const out = new Float32Array(items.length * K);
        for (let start = 0; start < items.length; ) {
          // the cells of up to GENERATE_CHUNK consecutive distinct instances
          const rows: number[] = [];
          const cells: number[] = [];
          let end = start;
          for (; end < items.length; end++) {
            const i = items[end] as number;
            if (rows[rows.length - 1] !== i) {
              if (rows.length === GENERATE_CHUNK) break;
              rows.push(i);
            }
            cells.push((rows.length - 1) * R + (workers[end] as number));
          }
          const rowIndex = Int32Array.from(rows);
          const z = this.classifier.predictProba(features.selectRows(rowIndex));
          const eps = Float32Array.from({ length: cells.length * K }, () => noise.normal());
          const p = tf.tidy(() =>
            generator.probs(rowsTensor(x, d, rowIndex), data.annotators, cellTensors(Int32Array.from(cells), R), tf.tensor2d(eps, [cells.length, K]), tf.tensor2d(z, [rows.length, K]), false),
          );
          out.set(p.dataSync(), start * K);
          p.dispose();
          start = end;
        }
        return out;
      },
    };
  }

  /**
   * `labels` with every unobserved (instance, annotator) cell filled with the
   * generator's annotation (origin `completed`): the crowd the model was
   * trained on, or the same annotators on other instances with their
   * `features`.
   */
  augment(labels: CrowdLabels, features: Features, options: AugmentOptions = {}): CrowdLabels {
    const { data } = this.#trainer;
    if (labels.numClasses !== data.labels.numClasses || labels.numWorkers !== data.labels.numWorkers) {
      throw new CrowdError('SHAPE_MISMATCH', 'CrowdInG: the annotations do not fit the model', {
        expected: `${data.labels.numClasses} classes and ${data.labels.numWorkers} annotators`,
        found: `${labels.numClasses} classes and ${labels.numWorkers} annotators`,
      });
    }
    features.assertAligned(labels, 'features');
    const rng = new Rng(options.seed ?? 0);
    return fillEmptyCells(this.workerModel(rng), labels, features, { includeUnseenWorkers: true, fill: options.fill ?? 'argmax', seed: rng.fork('fill') });
  }

  /** Frees the classifier, the generator and the discriminative module. */
  dispose(): void {
    this.#trainer.dispose();
    this.#trainer.classifier.dispose();
    this.#trainer.data.annotators.dispose();
  }
}
