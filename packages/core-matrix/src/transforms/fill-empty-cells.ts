import type { CrowdLabels } from '../crowd-labels.js';
import type { Features } from '../features.js';
import { toRng, type RandomSource } from '../rng.js';
import { RowArgmax } from '../row-argmax.js';
import { emptyCells, type EmptyCellOptions } from './empty-cells.js';
import { mergeCompleted } from './merge-completed.js';

/**
 * A model of every worker's answer on any item: what MMLC's mixture of
 * experts, CrowdInG's generator and every neural crowd model (Crowdlayer,
 * Anno-Reg, Doctor Net) learn, and what fills a label matrix's empty cells.
 */
export interface WorkerModel {
  /** K. */
  readonly numClasses: number;
  /** Answer distribution of worker `workers[j]` on item `items[j]` (row-major M x K). */
  workerProba(features: Features, items: ArrayLike<number>, workers: ArrayLike<number>): Float32Array;
}

/** How a cell's label is taken from the worker model's answer distribution. */
export type FillRule =
  /** The most likely answer (the lowest class on ties). */
  | 'argmax'
  /** A draw from the distribution (seeded). */
  | 'sample';

/** Options of {@link fillEmptyCells}: which cells, and how each is filled. */
export interface FillEmptyCellsOptions extends EmptyCellOptions {
  /** Default `'argmax'`. */
  fill?: FillRule;
  /** Seed (or generator) of the draws with `fill: 'sample'`. Default 0. */
  seed?: RandomSource;
}

/** Cells scored per call of the worker model (bounds the memory of a large matrix). */
const CHUNK = 65_536;

/**
 * `labels` with its empty cells ({@link emptyCells}) filled from a worker
 * model: each gets the model's most likely answer or a draw from it. Observed
 * labels are kept; filled ones have origin `completed`. The one way every
 * method here fills cells from a worker model (MMLC-df, DL-CL+Self,
 * CrowdInG's augmentation).
 */
export function fillEmptyCells(model: WorkerModel, labels: CrowdLabels, features: Features, options: FillEmptyCellsOptions = {}): CrowdLabels {
  const { item, worker } = emptyCells(labels, options);
  const K = model.numClasses;
  const label = new Int32Array(item.length);
  const rng = options.fill === 'sample' ? toRng(options.seed ?? 0) : undefined;
  const lowest = new RowArgmax('lowest', 0);
  for (let start = 0; start < item.length; start += CHUNK) {
    const end = Math.min(item.length, start + CHUNK);
    const p = model.workerProba(features, item.subarray(start, end), worker.subarray(start, end));
    for (let c = start; c < end; c++) {
      const offset = (c - start) * K;
      label[c] = rng !== undefined ? rng.weightedChoice(p.subarray(offset, offset + K)) : lowest.pick(p, offset, K);
    }
  }
  return mergeCompleted(labels, { item, worker, label }).labels;
}
