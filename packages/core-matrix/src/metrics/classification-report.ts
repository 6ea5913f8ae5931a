import type { GoldLabels } from '../gold-labels.js';
import { confusionMatrix } from './confusion-matrix.js';

/** Per-class scores over the gold items. */
export interface ClassificationReport {
  /** Of the items predicted as k, the fraction whose gold is k (0 when none is predicted as k). */
  precision: Float64Array;
  /** Of the items whose gold is k, the fraction predicted as k (0 when no gold item is k). */
  recall: Float64Array;
  /** Harmonic mean of precision and recall (0 when both are 0). */
  f1: Float64Array;
  /** Number of gold items of each class. */
  support: Int32Array;
  /**
   * Mean F1 over the classes that occur in gold or in the predictions (on
   * gold items), as scikit-learn's `f1_score(average='macro')` with
   * `zero_division=0`. `NaN` when no item has gold.
   */
  macroF1: number;
}

/** Per-class precision, recall and F1, and macro F1. */
export function classificationReport(predicted: ArrayLike<number>, gold: GoldLabels): ClassificationReport {
  const { numClasses: K, counts } = confusionMatrix(predicted, gold);
  const precision = new Float64Array(K);
  const recall = new Float64Array(K);
  const f1 = new Float64Array(K);
  const support = new Int32Array(K);
  let f1Sum = 0;
  let present = 0;
  for (let k = 0; k < K; k++) {
    let predictedK = 0;
    let goldK = 0;
    for (let j = 0; j < K; j++) {
      predictedK += counts[j * K + k] as number;
      goldK += counts[k * K + j] as number;
    }
    const tp = counts[k * K + k] as number;
    support[k] = goldK;
    precision[k] = predictedK === 0 ? 0 : tp / predictedK;
    recall[k] = goldK === 0 ? 0 : tp / goldK;
    const pr = (precision[k] as number) + (recall[k] as number);
    f1[k] = pr === 0 ? 0 : (2 * (precision[k] as number) * (recall[k] as number)) / pr;
    if (predictedK > 0 || goldK > 0) {
      present++;
      f1Sum += f1[k] as number;
    }
  }
  return { precision, recall, f1, support, macroF1: present === 0 ? Number.NaN : f1Sum / present };
}

/** Macro F1 (see {@link ClassificationReport.macroF1}). */
export function macroF1(predicted: ArrayLike<number>, gold: GoldLabels): number {
  return classificationReport(predicted, gold).macroF1;
}
