import * as tf from '@tensorflow/tfjs-core';
import { entropy, type CrowdLabels, type Rng } from '@crowdlearn/core-matrix';
import { rowsTensor } from '@crowdlearn/neural';
import type { Cells, Generator } from './networks/generator.js';
import { selectGenerated } from './selection.js';

/** What every minibatch is built from: the data as the networks see it. */
export interface GanData {
  /** The observed annotations. */
  labels: CrowdLabels;
  /** [N·d] instance features as the classifier sees them (standardised when its preset does). */
  x: Float32Array;
  /** d. */
  inputDim: number;
  /** [R, q] annotator features (the identity for one-hot annotators); owned by the trainer. */
  annotators: tf.Tensor2D;
}

/** The observed cells of a minibatch. */
export interface ObservedCells {
  /** Cell indices n·R + r. */
  cell: Int32Array;
  /** The annotation of each. */
  label: Int32Array;
}

/**
 * One minibatch of instances with every annotator's cell, cell (n, r) at
 * index `n·R + r`: the classifier's (detached) output, the noise, the
 * annotations sampled from the logging policy G₀ with their probabilities,
 * the observed cells Ω_B and the selected generated ones Φ.
 */
export interface GanBatch {
  /** Dataset indices of the instances. */
  items: Int32Array;
  /** [B, d]. */
  x: tf.Tensor2D;
  /** [B·K] ẑ, the classifier's distribution, detached. */
  classProbs: Float32Array;
  /** [B] H(ẑ_n) in nats. */
  classEntropy: Float32Array;
  /** [B·R, K] ε. */
  noise: tf.Tensor2D;
  /** [B·R] ỹ ~ G₀. */
  sampled: Int32Array;
  /** [B·R] G₀(ỹ). */
  logged: Float32Array;
  /** Observed cells of the batch and their annotations. */
  observed: ObservedCells;
  /** Whether each cell is observed. */
  isObserved: Uint8Array;
  /** Φ: the generated cells chosen for the discriminator. */
  fake: Int32Array;
}

/** The minibatch position of each cell's instance (cell index n·R + r). */
export function cellItems(cells: ArrayLike<number>, R: number): Int32Array {
  return Int32Array.from({ length: cells.length }, (_, j) => Math.floor((cells[j] as number) / R));
}

/** The cells `cells` (indices n·R + r) as int32 item-position and annotator tensors. */
export function cellTensors(cells: ArrayLike<number>, R: number): Cells {
  return {
    item: tf.tensor1d(cellItems(cells, R), 'int32'),
    worker: tf.tensor1d(Int32Array.from({ length: cells.length }, (_, j) => (cells[j] as number) % R), 'int32'),
  };
}

/**
 * Builds a minibatch: ẑ from `classProbs` (the classifier, detached), ε per
 * cell, ỹ sampled from G₀ and G₀(ỹ), and the entropy-based (or random)
 * per-annotator selection of generated annotations among the unobserved
 * cells (specs/crowding.md §3.1).
 */
export function buildBatch(
  data: GanData,
  items: Int32Array,
  classProbs: (x: tf.Tensor2D) => Float32Array,
  logging: Generator,
  selection: 'entropy' | 'random',
  rng: Rng,
): GanBatch {
  const { labels, inputDim } = data;
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const B = items.length;
  const cellsCount = B * R;
  const x = rowsTensor(data.x, inputDim, items);
  const z = classProbs(x);
  const classEntropy = Float32Array.from({ length: B }, (_, n) => entropy(z, n * K, K));
  const eps = new Float32Array(cellsCount * K);
  for (let j = 0; j < eps.length; j++) eps[j] = rng.normal();
  const noise = tf.tensor2d(eps, [cellsCount, K]);
  const all = Int32Array.from({ length: cellsCount }, (_, c) => c);
  const pi0 = tf.tidy(() => {
    return logging.probs(x, data.annotators, cellTensors(all, R), noise, tf.tensor2d(z, [B, K]), false);
  });
  const p = pi0.dataSync() as Float32Array;
  pi0.dispose();
  const sampled = new Int32Array(cellsCount);
  const logged = new Float32Array(cellsCount);
  for (let c = 0; c < cellsCount; c++) {
    const u = rng.uniform();
    let acc = 0;
    let y = K - 1;
    for (let k = 0; k < K; k++) {
      acc += p[c * K + k] as number;
      if (u < acc) {
        y = k;
        break;
      }
    }
    sampled[c] = y;
    logged[c] = p[c * K + y] as number;
  }
  const isObserved = new Uint8Array(cellsCount);
  const obsCell: number[] = [];
  const obsLabel: number[] = [];
  const realPerWorker = new Int32Array(R);
  items.forEach((i, n) => {
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) {
      const r = labels.worker[e] as number;
      isObserved[n * R + r] = 1;
      obsCell.push(n * R + r);
      obsLabel.push(labels.label[e] as number);
      realPerWorker[r]!++;
    }
  });
  const missing = all.filter((c) => isObserved[c] === 0);
  const chosen = selectGenerated(
    { worker: Int32Array.from(missing, (c) => c % R), entropy: Float32Array.from(missing, (c) => entropy(p, c * K, K)) },
    realPerWorker,
    selection,
    rng,
  );
  return {
    items,
    x,
    classProbs: z,
    classEntropy,
    noise,
    sampled,
    logged,
    observed: { cell: Int32Array.from(obsCell), label: Int32Array.from(obsLabel) },
    isObserved,
    fake: Int32Array.from(chosen, (j) => missing[j] as number),
  };
}

/** Frees a minibatch's tensors. */
export function disposeBatch(batch: GanBatch): void {
  batch.x.dispose();
  batch.noise.dispose();
}
