import * as tf from '@tensorflow/tfjs-core';
import { CrowdError, type Rng } from '@crowdlearn/core-matrix';
import type { ParamStore } from '../layers/param-store.js';
import { createOptimizer, type OptimizerSpec } from './optimizer.js';

/** A progress report, sent after every step and every epoch. */
export interface ProgressEvent {
  /** `'step'` after a minibatch, `'epoch'` at the end of an epoch. */
  type: 'step' | 'epoch';
  /** What is being trained (a phase name such as `'crowdlayer'` or `'wdn-weights'`). */
  phase: string;
  /** 1-based epoch. */
  epoch: number;
  /** Total epochs planned. */
  epochs: number;
  /** 1-based step within the epoch. */
  step: number;
  /** Steps per epoch. */
  steps: number;
  /** The minibatch loss (step) or the epoch's mean loss (epoch). */
  loss: number;
  /** Validation metric at the end of the epoch, when a validation is given. */
  validation?: number;
}

/** Options of {@link trainLoop}. */
export interface TrainLoopOptions {
  /** Name reported in progress events. */
  phase: string;
  /** Epochs. */
  epochs: number;
  /** Minibatch size. */
  batchSize: number;
  /** The optimiser. */
  optimizer: OptimizerSpec;
  /** L2 weight decay: `weightDecay * Σ ||W||²` over kernels is added to the loss. Default 0. */
  weightDecay?: number;
  /** Shuffling generator. */
  rng: Rng;
  /**
   * Reshuffle the examples every epoch (default true). False keeps them in
   * index order every epoch (for a reference implementation that shuffles
   * its rows once, before training).
   */
  shuffle?: boolean;
  /** Restrict training to the parameters whose names start with these prefixes (to freeze the rest). */
  trainablePrefixes?: readonly string[];
  /** Progress callback. */
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Called before each epoch (1-based), before its shuffle: the place to
   * redraw examples that change every epoch (subsampled or balanced pairs).
   * The number of examples must stay the same.
   */
  onEpochStart?: (epoch: number) => void;
  /** A validation metric, higher is better, evaluated after each epoch. */
  validate?: () => number;
  /** Stop after this many epochs without a better validation metric and restore the best weights. */
  patience?: number;
}

/** What {@link trainLoop} returns. */
export interface TrainHistory {
  /** Mean loss of each epoch. */
  loss: number[];
  /** Validation metric of each epoch, when a validation was given. */
  validation: number[];
  /** Epoch (1-based) whose weights were kept. */
  bestEpoch: number;
  /** Epochs run. */
  epochs: number;
}

/**
 * The training loop every neural method uses: each epoch shuffles the
 * example indices with `rng`, runs one optimiser step per minibatch on
 * `batchLoss(indices)` (plus weight decay), reports progress, and optionally
 * validates and stops early, keeping the best weights. `batchLoss` must return
 * a scalar built from the model's variables; every intermediate tensor is
 * disposed.
 */
export async function trainLoop(
  store: ParamStore,
  numExamples: number,
  batchLoss: (indices: Int32Array) => tf.Scalar,
  options: TrainLoopOptions,
): Promise<TrainHistory> {
  if (numExamples === 0) throw new CrowdError('INVALID_ARGUMENT', `${options.phase}: nothing to train on`, { expected: 'at least one example' });
  const { optimizer, beforeStep } = createOptimizer(options.optimizer);
  const vars = store.trainable(options.trainablePrefixes);
  const decay = options.weightDecay ?? 0;
  const steps = Math.ceil(numExamples / options.batchSize);
  const history: TrainHistory = { loss: [], validation: [], bestEpoch: options.epochs, epochs: 0 };
  let best = -Infinity;
  let bestWeights: Map<string, tf.Tensor> | undefined;
  let sinceBest = 0;
  let globalStep = 0;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      options.onEpochStart?.(epoch);
      const order = options.shuffle === false ? Int32Array.from({ length: numExamples }, (_, j) => j) : options.rng.permutation(numExamples);
      let sum = 0;
      for (let s = 0; s < steps; s++) {
        const batch = order.subarray(s * options.batchSize, Math.min(numExamples, (s + 1) * options.batchSize));
        beforeStep(globalStep++);
        const cost = optimizer.minimize(
          () => {
            const loss = batchLoss(batch);
            return decay > 0 ? (tf.add(loss, tf.mul(store.decayPenalty(), decay)) as tf.Scalar) : loss;
          },
          true,
          vars,
        ) as tf.Scalar;
        const value = (await cost.data())[0] as number;
        cost.dispose();
        if (!Number.isFinite(value)) {
          throw new CrowdError('NOT_CONVERGED', `${options.phase}: the loss became ${value} at epoch ${epoch}, step ${s + 1}`, {
            expected: 'a finite loss (lower the learning rate?)',
          });
        }
        sum += value;
        options.onProgress?.({ type: 'step', phase: options.phase, epoch, epochs: options.epochs, step: s + 1, steps, loss: value });
      }
      history.loss.push(sum / steps);
      history.epochs = epoch;
      const event: ProgressEvent = { type: 'epoch', phase: options.phase, epoch, epochs: options.epochs, step: steps, steps, loss: sum / steps };
      if (options.validate !== undefined) {
        const metric = options.validate();
        history.validation.push(metric);
        event.validation = metric;
        if (metric > best) {
          best = metric;
          history.bestEpoch = epoch;
          sinceBest = 0;
          if (options.patience !== undefined) {
            bestWeights?.forEach((t) => t.dispose());
            bestWeights = store.snapshot();
          }
        } else {
          sinceBest++;
        }
      }
      options.onProgress?.(event);
      if (options.patience !== undefined && sinceBest > options.patience) break;
    }
    if (bestWeights !== undefined) store.restore(bestWeights);
  } finally {
    bestWeights?.forEach((t) => t.dispose());
    optimizer.dispose();
  }
  return history;
}
