import { RowArgmax, emptyCells } from '@crowdlearn/core-matrix';
import { mergeCompleted, type CrowdLabels, type Features } from '@crowdlearn/core-matrix';
import type { MmlcModel } from './mmlc-model.js';

/** One point of {@link densitySweep}. */
export interface DensityPoint {
  /** b: only workers with more than b labels were filled. */
  threshold: number;
  /** |D'| / (R · N) after filling. */
  density: number;
  /** Observed plus filled labels (origin `completed`). */
  labels: CrowdLabels;
}

/**
 * MMLC-df's density study (specs/mmlc.md §5): for each threshold b, from
 * large to small, the data with the empty cells of every worker with more
 * than b labels filled by the model (argmax). The model's answers are
 * computed once, for the cells of the smallest threshold, so a sweep costs
 * one prediction pass. Aggregate each point's labels to plot accuracy
 * against filling density. Thresholds are visited in decreasing order.
 */
export function* densitySweep(model: MmlcModel, labels: CrowdLabels, features: Features, thresholds: readonly number[]): Generator<DensityPoint> {
  if (thresholds.length === 0) return;
  const order = [...thresholds].sort((a, b) => b - a);
  const cells = emptyCells(labels, { threshold: order[order.length - 1] as number });
  const K = model.numClasses;
  const p = model.workerProba(features, cells.item, cells.worker);
  const answer = new RowArgmax('lowest', 0).rows(p, p.length / K, K);
  for (const threshold of order) {
    const keep = Int32Array.from({ length: answer.length }, (_, c) => c).filter((c) => labels.workerDegree(cells.worker[c] as number) > threshold);
    const filled = mergeCompleted(labels, {
      item: Int32Array.from(keep, (c) => cells.item[c] as number),
      worker: Int32Array.from(keep, (c) => cells.worker[c] as number),
      label: Int32Array.from(keep, (c) => answer[c] as number),
    }).labels;
    yield { threshold, density: filled.numLabels / (labels.numWorkers * labels.numItems), labels: filled };
  }
}
