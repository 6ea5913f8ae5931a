import type { CrowdLabels } from '../crowd-labels.js';
import type { GoldLabels } from '../gold-labels.js';
import { Origin } from '../origin.js';

/** Per-worker agreement with gold. */
export interface WorkerAccuracy {
  /** Labels of each worker on gold items that equal the gold class. */
  correct: Int32Array;
  /** Labels of each worker on gold items. */
  judged: Int32Array;
  /** `correct / judged`; `NaN` for a worker who labelled no gold item. */
  accuracy: Float64Array;
}

/** Each worker's accuracy against gold, over the gold items the worker labelled (observed labels only). */
export function workerAccuracy(labels: CrowdLabels, gold: GoldLabels): WorkerAccuracy {
  const R = labels.numWorkers;
  const correct = new Int32Array(R);
  const judged = new Int32Array(R);
  for (let e = 0; e < labels.numLabels; e++) {
    if (labels.originOf(e) !== Origin.Observed) continue;
    const y = gold.get(labels.item[e] as number);
    if (y === undefined) continue;
    const r = labels.worker[e] as number;
    judged[r]!++;
    if (labels.label[e] === y) correct[r]!++;
  }
  const accuracy = new Float64Array(R);
  for (let r = 0; r < R; r++) accuracy[r] = judged[r] === 0 ? Number.NaN : (correct[r] as number) / (judged[r] as number);
  return { correct, judged, accuracy };
}
