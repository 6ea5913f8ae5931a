import { RowArgmax } from '@crowdlearn/core-matrix';
import { mergeCompleted, toRng, type CrowdLabels, type Features, type RandomSource } from '@crowdlearn/core-matrix';
import { fillCells, type FillCellOptions } from './fill-cells.js';
import type { MmlcModel } from './mmlc-model.js';

/** Options of {@link fillWithModel}. */
export interface DataFillingOptions extends FillCellOptions {
  /** `'argmax'` (default) or `'sample'` (draw from the worker model). */
  fillMode?: 'argmax' | 'sample';
  /** Seed of the draws in `'sample'` mode. Default 0. */
  seed?: RandomSource;
}

/**
 * MMLC-df (Eq. 10): every empty cell of the eligible workers gets what the
 * worker model predicts there. Observed labels are kept; filled ones have
 * origin `completed`. Run any aggregator on the result.
 */
export function fillWithModel(model: MmlcModel, labels: CrowdLabels, features: Features, options: DataFillingOptions = {}): CrowdLabels {
  const cells = fillCells(labels, options);
  const K = model.numClasses;
  const p = model.workerProba(features, cells.item, cells.worker);
  const rng = toRng(options.seed ?? 0);
  const label =
    options.fillMode === 'sample'
      ? Int32Array.from({ length: cells.item.length }, (_, c) => rng.weightedChoice(p.subarray(c * K, (c + 1) * K)))
      : new RowArgmax('lowest', 0).rows(p, p.length / K, K);
  return mergeCompleted(labels, { ...cells, label }).labels;
}
