import * as tf from '@tensorflow/tfjs-core';
import { CrowdError, mergeCompleted, Rng, type CompletedCells, type CrowdLabels, type Features, type Seed } from '@crowdlearn/core-matrix';
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

  /** @internal The networks and their updates (for {@link trainCrowdInG}). */
  get trainer(): CrowdInGTrainer {
    return this.#trainer;
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
    const item: number[] = [];
    const worker: number[] = [];
    const label: number[] = [];
    for (let start = 0; start < labels.numItems; start += GENERATE_CHUNK) {
      const rows = Int32Array.from({ length: Math.min(GENERATE_CHUNK, labels.numItems - start) }, (_, j) => start + j);
      const cells: number[] = [];
      rows.forEach((i, n) => {
        for (let r = 0; r < R; r++) if (labels.findLabel(i, r) < 0) cells.push(n * R + r);
      });
      if (cells.length === 0) continue;
      const noise = Float32Array.from({ length: cells.length * K }, () => rng.normal());
      const p = tf.tidy(() =>
        generator.probs(
          rowsTensor(x, d, rows),
          data.annotators,
          cellTensors(cells, R),
          tf.tensor2d(noise, [cells.length, K]),
          rowsTensor(z, K, rows),
          false,
        ),
      );
      const probs = p.dataSync();
      p.dispose();
      cells.forEach((c, j) => {
        item.push(rows[Math.floor(c / R)] as number);
        worker.push(c % R);
        label.push(options.mode === 'sample' ? rng.weightedChoice(probs.subarray(j * K, (j + 1) * K)) : argmax(probs, j * K, K));
      });
    }
    return { item: Int32Array.from(item), worker: Int32Array.from(worker), label: Int32Array.from(label) };
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

function argmax(p: ArrayLike<number>, offset: number, K: number): number {
  let best = 0;
  for (let k = 1; k < K; k++) if ((p[offset + k] as number) > (p[offset + best] as number)) best = k;
  return best;
}
