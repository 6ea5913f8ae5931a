import { CrowdLabels, IdMap, type MultiLabelAnswers } from '@crowdlearn/core-matrix';
import type { AggregationResult } from '../types.js';

/** What {@link binaryRelevance} returns. */
export interface BinaryRelevanceResult {
  /** The method that aggregated each label. */
  method: string;
  /** Per item, the labels (class indices of `answers.classes`) whose yes/no aggregate is yes, in class order. */
  labels: Int32Array[];
  /** Items x labels, row-major: the posterior that the label applies to the item. */
  probabilities: Float64Array;
  /** Per label, the aggregator's full result on its yes/no question (class 0: no, 1: yes). */
  perLabel: AggregationResult[];
}

/**
 * BinaryRelevance, as crowd-kit's `BinaryRelevance`: every label of a
 * multi-label crowd becomes its own yes/no question (a worker who answered
 * an item says yes to the labels they chose and no to the others), each is
 * aggregated by `aggregateOne` (any categorical aggregator), and an item gets
 * the labels whose aggregate is yes. Items and workers keep their ids in each
 * question's label matrix.
 *
 * Cite: crowd-kit's BinaryRelevance (D. Ustalov, N. Pavlichenko, B.
 * Tseitlin, "Learning from crowds with Crowd-Kit", JOSS 9(96), 2024); the
 * reduction is the classic one of multi-label learning (Tsoumakas &
 * Katakis 2007).
 */
export function binaryRelevance(answers: MultiLabelAnswers, aggregateOne: (labels: CrowdLabels) => AggregationResult): BinaryRelevanceResult {
  const N = answers.items.size;
  const C = answers.classes.size;
  const n = answers.numAnswers;
  const yesNo = IdMap.fromIds(['no', 'yes']);
  const perLabel: AggregationResult[] = [];
  const probabilities = new Float64Array(N * C);
  const chosen: number[][] = Array.from({ length: N }, () => []);
  for (let c = 0; c < C; c++) {
    const label = new Int32Array(n);
    for (let a = 0; a < n; a++) {
      for (let j = answers.offsets[a] as number; j < (answers.offsets[a + 1] as number); j++) if (answers.labels[j] === c) label[a] = 1;
    }
    const question = CrowdLabels.fromArrays({ item: answers.item, worker: answers.worker, label }, { itemIds: answers.items, workerIds: answers.workers, classIds: yesNo, copy: true });
    const r = aggregateOne(question);
    perLabel.push(r);
    for (let i = 0; i < N; i++) {
      probabilities[i * C + c] = r.posteriors[i * 2 + 1] as number;
      if (r.labels[i] === 1) (chosen[i] as number[]).push(c);
    }
  }
  return { method: `binary-relevance(${perLabel[0]?.method ?? ''})`, labels: chosen.map((l) => Int32Array.from(l)), probabilities, perLabel };
}
