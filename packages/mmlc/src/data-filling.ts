import { fillEmptyCells, type CrowdLabels, type Features, type FillEmptyCellsOptions } from '@crowdlearn/core-matrix';
import type { MmlcModel } from './mmlc-model.js';

/** Options of {@link fillWithModel}: which workers' empty cells, and how each is filled (`fill`, default `'argmax'`). */
export type DataFillingOptions = FillEmptyCellsOptions;

/**
 * MMLC-df (Eq. 10): every empty cell of the eligible workers gets what the
 * worker model predicts there. Observed labels are kept; filled ones have
 * origin `completed`. Run any aggregator on the result.
 */
export function fillWithModel(model: MmlcModel, labels: CrowdLabels, features: Features, options: DataFillingOptions = {}): CrowdLabels {
  return fillEmptyCells(model, labels, features, options);
}
