import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@crowdlearn/core-matrix';
import { trainLoop, type ProgressEvent } from '@crowdlearn/neural';
import { allPairsCount, drawPairs, pairCount, type PairScheme, type PairSet, type PairTarget } from './pairs.js';
import { pairLoss, type SiameseEncoder } from './siamese-encoder.js';

/** Options of {@link trainOnPairs}. */
export interface PairTrainingOptions {
  /** Name of the phase in progress events. */
  phase: string;
  /** Epochs. */
  epochs: number;
  /** Pairs per minibatch. */
  batchSize: number;
  /** Adam step size. */
  learningRate: number;
  /** Pair scheme of Eq. 8. */
  scheme: PairScheme;
  /** Cap on the pairs of `'all'`. */
  maxPairs: number;
  /** Pair target of Eq. 8. */
  target: PairTarget;
  /** Pair sampling and shuffling. */
  rng: Rng;
  /** Parameters that are trained (default all). */
  trainablePrefixes?: readonly string[];
  /** Progress of the training loop. */
  onProgress?: (event: ProgressEvent) => void;
}

/** What a pair training did. */
export interface PairTrainingSummary {
  /** Pairs per epoch (0 when there was nothing to train on). */
  pairs: number;
  /** Mean loss of each epoch. */
  loss: number[];
}

/**
 * Trains a Siamese encoder on the pairs of a labelled item set (TLLC
 * Algorithm 2, pretraining or one worker's fine-tuning) with the MSE pair
 * loss (Eq. 11) and Adam. Pairs that change between epochs (balanced pairs,
 * or a subsample of all pairs above `maxPairs`) are redrawn at each epoch's
 * start. `x` is the row-major feature matrix; `items` are rows of it and
 * `classes` their labels.
 */
export async function trainOnPairs(
  encoder: SiameseEncoder,
  x: Float32Array,
  items: Int32Array,
  classes: Int32Array,
  options: PairTrainingOptions,
): Promise<PairTrainingSummary> {
  const pairOptions = { scheme: options.scheme, maxPairs: options.maxPairs, target: options.target };
  const count = pairCount(classes, pairOptions);
  if (count === 0 || options.epochs === 0) return { pairs: count, loss: [] };
  const redraw = options.scheme === 'balanced' || allPairsCount(items.length) > options.maxPairs;
  const pairRng = options.rng.fork('pairs');
  let pairs: PairSet = drawPairs(classes, pairRng, pairOptions);
  const history = await trainLoop(
    encoder.store,
    count,
    (batch) => {
      const first = new Int32Array(batch.length);
      const second = new Int32Array(batch.length);
      const target = new Float32Array(batch.length);
      for (let b = 0; b < batch.length; b++) {
        const p = batch[b] as number;
        first[b] = items[pairs.first[p] as number] as number;
        second[b] = items[pairs.second[p] as number] as number;
        target[b] = pairs.target[p] as number;
      }
      return pairLoss(tf.tensor1d(target), encoder.pairDistanceOfRows(x, first, second));
    },
    {
      phase: options.phase,
      epochs: options.epochs,
      batchSize: options.batchSize,
      optimizer: { type: 'adam', learningRate: options.learningRate },
      rng: options.rng.fork('shuffle'),
      ...(options.trainablePrefixes === undefined ? {} : { trainablePrefixes: options.trainablePrefixes }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      onEpochStart: (epoch) => {
        if (redraw && epoch > 1) pairs = drawPairs(classes, pairRng, pairOptions);
      },
    },
  );
  return { pairs: count, loss: history.loss };
}
