import * as tf from '@tensorflow/tfjs-core';
import { accuracy, Rng, type Features, type GoldLabels, type Seed } from '@crowdlearn/core-matrix';
import { rowsTensor, trainLoop } from '@crowdlearn/neural';
import { MmlcModel } from './mmlc-model.js';

/** Options of {@link upperLimit}. */
export interface UpperLimitOptions {
  /** `'projection'` (default): optimise only the projection vector; `'tower'`: retrain the tower with v fixed at `start` (the code's variant). */
  mode?: 'projection' | 'tower';
  /** The projection vector to start from or to hold (default uniform). */
  start?: ArrayLike<number>;
  /** Adam steps over the gold items (full batch). Default 500. */
  steps?: number;
  /** Adam step size. Default 1e-2. */
  learningRate?: number;
  /** Seed. Default 0. */
  seed?: Seed;
}

/** The result of {@link upperLimit}. */
export interface UpperLimitResult {
  /**
   * Accuracy on the gold items of the best projection found: the highest
   * accuracy along the optimisation path (checked every 25 steps, the start
   * included), since lowering the cross-entropy does not always raise
   * accuracy. **Uses gold**: a diagnostic, never a method result.
   */
  accuracy: number;
  /** The projection vector that reached it. */
  projection: Float64Array;
}

/**
 * MMLC's "Truth" upper limit (specs/mmlc.md §4), a diagnostic that **uses
 * gold labels**: with the experts and the tower frozen, the projection vector
 * v = softmax(η) is fitted to the gold labels of every item that has one,
 * showing how good the best single point of the worker space would be.
 * Restores the model's weights afterwards.
 */
export async function upperLimit(model: MmlcModel, features: Features, gold: GoldLabels, options: UpperLimitOptions = {}): Promise<UpperLimitResult> {
  const E = model.config.experts;
  const K = model.numClasses;
  const items = gold.items;
  const target = new Float32Array(items.length * K);
  gold.labels.forEach((k, j) => (target[j * K + k] = 1));
  const x = model.hostFeatures(features);
  const start = Float64Array.from(options.start ?? new Float64Array(E).fill(1 / E));
  const eta = tf.tidy(() => tf.variable(tf.tensor2d(Float32Array.from(start, (v) => Math.log(Math.max(v, 1e-8))), [1, E]), true, `upper-limit-eta-${nextId++}`));
  const saved = model.store.snapshot();
  const mode = options.mode ?? 'projection';
  const steps = options.steps ?? 500;
  try {
    const u = tf.tidy(() => model.expertOutputs(rowsTensor(x, features.numCols, items)));
    try {
      const probe = (): tf.Scalar => {
        const v = mode === 'projection' ? tf.softmax(eta) : tf.tensor2d(Float32Array.from(start), [1, E]);
        const logits = model.towerLogits(MmlcModel.project(u, tf.tile(v, [items.length, 1]) as tf.Tensor2D));
        return tf.losses.softmaxCrossEntropy(tf.tensor2d(target, [items.length, K]), logits) as tf.Scalar;
      };
      const accuracyOf = (projection: Float64Array): number => {
        const predicted = tf.tidy(() => {
          const logits = model.towerLogits(MmlcModel.project(u, tf.tile(tf.tensor2d(Float32Array.from(projection), [1, E]), [items.length, 1]) as tf.Tensor2D));
          return tf.argMax(logits, 1).dataSync() as Int32Array;
        });
        const full = new Int32Array(features.numRows);
        items.forEach((i, j) => (full[i] = predicted[j] as number));
        return accuracy(full, gold);
      };
      if (mode === 'tower') {
        // one full-batch step per "epoch"
        await trainLoop(model.store, 1, probe, {
          phase: 'upper-limit',
          epochs: steps,
          batchSize: 1,
          optimizer: { type: 'adam', learningRate: options.learningRate ?? 1e-2 },
          rng: new Rng(options.seed ?? 0),
          trainablePrefixes: ['tower/'],
        });
        return { accuracy: accuracyOf(start), projection: start };
      }
      const current = (): Float64Array => Float64Array.from(tf.tidy(() => tf.softmax(eta).dataSync()));
      let best = { accuracy: accuracyOf(current()), projection: current() };
      const optimizer = tf.train.adam(options.learningRate ?? 1e-2);
      for (let s = 1; s <= steps; s++) {
        optimizer.minimize(probe, false, [eta]);
        if (s % 25 === 0 || s === steps) {
          const projection = current();
          const a = accuracyOf(projection);
          if (a > best.accuracy) best = { accuracy: a, projection };
        }
      }
      optimizer.dispose();
      return best;
    } finally {
      u.dispose();
    }
  } finally {
    model.store.restore(saved);
    saved.forEach((t) => t.dispose());
    eta.dispose();
  }
}

let nextId = 0;
