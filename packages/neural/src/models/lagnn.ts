import * as tf from '@tensorflow/tfjs-core';
import { CrowdError, resolveOptions, Rng, rowArgmax, type CrowdLabels, type GoldLabels, type OptionTable, type Seed } from '@crowdlearn/core-matrix';
import { majorityVote, type AggregationResult } from '@crowdlearn/aggregators';
import { Dense } from '../layers/dense.js';
import { ParamStore } from '../layers/param-store.js';
import { trainLoop, type ProgressEvent } from '../training/train-loop.js';

/** Options of {@link lagnn} ([RECON] architecture of specs/aggregators.md §4). */
export interface LagnnOptions {
  /** Seed of the initialisation. Default 0. */
  seed?: Seed;
  /** Hidden units of the two relational graph-convolution layers. Default 64. */
  hidden?: number;
  /** Epochs (full-graph Adam steps). Default 200. */
  epochs?: number;
  /** Adam learning rate. Default 1e-2. */
  learningRate?: number;
  /** Share of the workers, ranked by agreement with the others, that form the high-quality group. Default 0.5. */
  highQualityShare?: number;
  /**
   * Supervised mode: the share of the gold items whose gold label is added to
   * the loss. Default 0 (unsupervised, the only mode for comparisons). It uses
   * gold: results with it are not truth inference from the crowd alone.
   */
  goldFraction?: number;
  /** Gold, needed when `goldFraction` > 0. */
  gold?: GoldLabels;
  /** Progress events. */
  onProgress?: (event: ProgressEvent) => void;
}

/** {@link lagnn}'s options: defaults and ranges. */
export const LAGNN_OPTIONS = {
  hidden: { kind: 'integer', min: 1, default: 64, description: 'hidden units of the two relational graph-convolution layers' },
  epochs: { kind: 'integer', min: 0, default: 200, description: 'full-graph Adam steps (all run)' },
  learningRate: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-2, description: 'Adam learning rate' },
  highQualityShare: { kind: 'number', min: 0, exclusiveMin: true, max: 1, default: 0.5, description: 'share of the workers, by agreement with the others, that form the high-quality group' },
  goldFraction: { kind: 'number', min: 0, max: 1, default: 0, description: 'supervised mode: the share of gold items added to the loss (0: truth inference from the crowd alone)' },
} as const satisfies OptionTable;

/** LAGNN's result: the aggregation and the high-quality group it trained against. */
export interface LagnnResult extends AggregationResult {
  /** Each worker's mean agreement with the others' labels on the same items. */
  agreement: Float64Array;
  /** 1 for the workers in the high-quality group. */
  highQuality: Uint8Array;
}

/** The dense adjacency LAGNN builds, N x R per relation, is refused past this many cells. */
const MAX_DENSE_CELLS = 3e7;

/**
 * LAGNN (Ying et al. 2024), unsupervised mode, as reconstructed in the spec:
 * a bipartite graph of items and workers with one edge per label, typed by
 * the label (K relations); two relational graph-convolution layers (hidden
 * 64, ReLU; messages averaged per relation, both directions, plus a self
 * connection); an item softmax over the K classes; trained by Adam (lr 1e-2,
 * 200 full-graph epochs) with cross-entropy to the soft MV of the
 * high-quality group, the top half of the workers by their mean agreement
 * `mean_i P(l_ir | L_i^{-r})` with the other labels of their items. Items
 * without a high-quality label take the soft MV of all labels as target.
 * Initial features: an item's soft-MV distribution; a worker's label
 * distribution. The labels are the argmax (ties to the lowest class).
 *
 * The adjacency is dense (N x R per relation): fine for the datasets with
 * features (music, labelme, leaves), refused past 3e7 cells.
 *
 * Cite: H. Ying et al., "A little truth injection but a big reward: label
 * aggregation with graph neural networks", 2024.
 */
export async function lagnn(labels: CrowdLabels, options: LagnnOptions = {}): Promise<LagnnResult> {
  const o = resolveOptions('lagnn', LAGNN_OPTIONS, options);
  const N = labels.numItems;
  const R = labels.numWorkers;
  const K = labels.numClasses;
  if (N * R * K > MAX_DENSE_CELLS) {
    throw new CrowdError('UNSUPPORTED', 'LAGNN builds a dense adjacency and this crowd is too large for it', {
      expected: `items x workers x classes <= ${MAX_DENSE_CELLS}`,
      found: `${N} x ${R} x ${K}`,
    });
  }
  if (o.goldFraction > 0 && options.gold === undefined) {
    throw new CrowdError('INVALID_ARGUMENT', 'LAGNN: goldFraction > 0 needs gold');
  }
  const rng = new Rng(options.seed ?? 0);
  const softMv = majorityVote(labels, { tieBreak: 'lowest' }).posteriors;
  const agreement = workerAgreement(labels, softMv);
  const highQuality = topShare(agreement, o.highQualityShare, labels);
  const target = groupTargets(labels, highQuality, softMv);
  const goldRows = goldTargets(options, rng);

  const store = new ParamStore();
  try {
    return await run();
  } finally {
    store.dispose();
  }

  async function run(): Promise<LagnnResult> {
    const hidden = o.hidden;
    const graph = buildGraph(labels, softMv);
    const layers = [0, 1].map((l) => relationalLayer(store, `rgcn${l}`, l === 0 ? K : hidden, hidden, K, rng.fork(`layer${l}`)));
    const output = new Dense(store, 'output', hidden, K, 'glorotUniform', rng.fork('output'));
    const forward = (): tf.Tensor2D => {
      let hItems = graph.itemFeatures;
      let hWorkers = graph.workerFeatures;
      for (const layer of layers) [hItems, hWorkers] = layer(hItems, hWorkers, graph);
      return tf.softmax(output.apply(hItems));
    };
    const labelled = Float32Array.from({ length: N }, (_, i) => (labels.itemDegree(i) > 0 ? 1 : 0));
    try {
      await trainLoop(
        store,
        1,
        () => {
          const p = tf.clipByValue(forward(), 1e-7, 1);
          const perItem = tf.neg(tf.sum(tf.mul(tf.tensor2d(target, [N, K]), tf.log(p)), 1));
          let loss = tf.div(tf.sum(tf.mul(perItem, tf.tensor1d(labelled))), Math.max(1, labelled.reduce((a, b) => a + b, 0)));
          if (goldRows !== undefined) {
            const goldLoss = tf.neg(tf.sum(tf.mul(tf.tensor2d(goldRows.target, [N, K]), tf.log(p))));
            loss = tf.add(loss, tf.div(goldLoss, Math.max(1, goldRows.count)));
          }
          return loss as tf.Scalar;
        },
        {
          phase: 'lagnn',
          epochs: o.epochs,
          batchSize: 1,
          optimizer: { type: 'adam', learningRate: o.learningRate },
          rng: rng.fork('loop'),
          ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
        },
      );
      const posteriors = Float64Array.from(tf.tidy(() => forward().dataSync()));
      const predicted = rowArgmax(posteriors, N, K);
      return { method: 'lagnn', labels: predicted, posteriors, agreement, highQuality, iterations: o.epochs };
    } finally {
      graph.dispose();
    }
  }

  function goldTargets(o: LagnnOptions, r: Rng): { target: Float32Array; count: number } | undefined {
    const fraction = o.goldFraction ?? 0;
    if (fraction <= 0 || o.gold === undefined) return undefined;
    const chosen = r.fork('gold').sample(o.gold.size, Math.round(fraction * o.gold.size));
    const t = new Float32Array(N * K);
    for (const j of chosen) t[(o.gold.items[j] as number) * K + (o.gold.labels[j] as number)] = 1;
    return { target: t, count: chosen.length };
  }
}

/** `mean_i P(l_ir | L_i^{-r})`: each worker's agreement with the other labels on their items (0 when never shared). */
export function workerAgreement(labels: CrowdLabels, softMv: Float64Array): Float64Array {
  const K = labels.numClasses;
  const sum = new Float64Array(labels.numWorkers);
  const count = new Float64Array(labels.numWorkers);
  for (let i = 0; i < labels.numItems; i++) {
    const n = labels.itemDegree(i);
    if (n < 2) continue; // no other label to agree with
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) {
      const r = labels.worker[e] as number;
      const l = labels.label[e] as number;
      // leave-one-out share of l among the other n - 1 labels
      const others = ((softMv[i * K + l] as number) * n - 1) / (n - 1);
      sum[r]! += others;
      count[r]!++;
    }
  }
  return Float64Array.from(sum, (s, r) => ((count[r] as number) > 0 ? s / (count[r] as number) : 0));
}

function topShare(agreement: Float64Array, share: number, labels: CrowdLabels): Uint8Array {
  const active = Array.from({ length: labels.numWorkers }, (_, r) => r).filter((r) => labels.workerDegree(r) > 0);
  active.sort((a, b) => (agreement[b] as number) - (agreement[a] as number) || a - b);
  const keep = Math.max(1, Math.ceil(share * active.length));
  const out = new Uint8Array(labels.numWorkers);
  for (const r of active.slice(0, keep)) out[r] = 1;
  return out;
}

/** Soft MV of the high-quality workers' labels; the soft MV of all labels where none of them labelled. */
function groupTargets(labels: CrowdLabels, highQuality: Uint8Array, softMv: Float64Array): Float32Array {
  const K = labels.numClasses;
  const target = new Float32Array(labels.numItems * K);
  for (let i = 0; i < labels.numItems; i++) {
    let n = 0;
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) {
      if (highQuality[labels.worker[e] as number] === 1) {
        target[i * K + (labels.label[e] as number)]!++;
        n++;
      }
    }
    for (let k = 0; k < K; k++) target[i * K + k] = n > 0 ? (target[i * K + k] as number) / n : (softMv[i * K + k] as number);
  }
  return target;
}

interface Graph {
  itemFeatures: tf.Tensor2D;
  workerFeatures: tf.Tensor2D;
  /** Per relation k: items x workers, rows normalised by the item's k-edges. */
  toItems: tf.Tensor2D[];
  /** Per relation k: workers x items, rows normalised by the worker's k-edges. */
  toWorkers: tf.Tensor2D[];
  dispose(): void;
}

function buildGraph(labels: CrowdLabels, softMv: Float64Array): Graph {
  const N = labels.numItems;
  const R = labels.numWorkers;
  const K = labels.numClasses;
  const toItems: tf.Tensor2D[] = [];
  const toWorkers: tf.Tensor2D[] = [];
  const workerDist = new Float32Array(R * K);
  for (let e = 0; e < labels.numLabels; e++) workerDist[(labels.worker[e] as number) * K + (labels.label[e] as number)]!++;
  for (let r = 0; r < R; r++) {
    const n = labels.workerDegree(r);
    for (let k = 0; k < K; k++) workerDist[r * K + k] = n > 0 ? (workerDist[r * K + k] as number) / n : 0;
  }
  for (let k = 0; k < K; k++) {
    const a = new Float32Array(N * R);
    const itemCount = new Float32Array(N);
    const workerCount = new Float32Array(R);
    for (let e = 0; e < labels.numLabels; e++) {
      if (labels.label[e] !== k) continue;
      const i = labels.item[e] as number;
      const r = labels.worker[e] as number;
      a[i * R + r] = 1;
      itemCount[i]!++;
      workerCount[r]!++;
    }
    const rowNorm = new Float32Array(N * R);
    const colNorm = new Float32Array(R * N);
    for (let i = 0; i < N; i++) {
      for (let r = 0; r < R; r++) {
        if (a[i * R + r] === 0) continue;
        rowNorm[i * R + r] = 1 / (itemCount[i] as number);
        colNorm[r * N + i] = 1 / (workerCount[r] as number);
      }
    }
    toItems.push(tf.tensor2d(rowNorm, [N, R]));
    toWorkers.push(tf.tensor2d(colNorm, [R, N]));
  }
  const itemFeatures = tf.tensor2d(Float32Array.from(softMv), [N, K]);
  const workerFeatures = tf.tensor2d(workerDist, [R, K]);
  return {
    itemFeatures,
    workerFeatures,
    toItems,
    toWorkers,
    dispose: () => [itemFeatures, workerFeatures, ...toItems, ...toWorkers].forEach((t) => t.dispose()),
  };
}

type RelationalLayer = (items: tf.Tensor2D, workers: tf.Tensor2D, graph: Graph) => [tf.Tensor2D, tf.Tensor2D];

/** One relational graph convolution over the bipartite graph, both directions, ReLU. */
function relationalLayer(store: ParamStore, name: string, inDim: number, outDim: number, K: number, rng: Rng): RelationalLayer {
  const itemSelf = new Dense(store, `${name}/item-self`, inDim, outDim, 'glorotUniform', rng);
  const workerSelf = new Dense(store, `${name}/worker-self`, inDim, outDim, 'glorotUniform', rng);
  const fromWorkers = Array.from({ length: K }, (_, k) => new Dense(store, `${name}/from-workers-${k}`, inDim, outDim, 'glorotUniform', rng));
  const fromItems = Array.from({ length: K }, (_, k) => new Dense(store, `${name}/from-items-${k}`, inDim, outDim, 'glorotUniform', rng));
  return (items, workers, graph) => {
    const itemTerms = [itemSelf.apply(items), ...fromWorkers.map((d, k) => d.apply(tf.matMul(graph.toItems[k] as tf.Tensor2D, workers)))];
    const workerTerms = [workerSelf.apply(workers), ...fromItems.map((d, k) => d.apply(tf.matMul(graph.toWorkers[k] as tf.Tensor2D, items)))];
    return [tf.relu(tf.addN(itemTerms)) as tf.Tensor2D, tf.relu(tf.addN(workerTerms)) as tf.Tensor2D];
  };
}
