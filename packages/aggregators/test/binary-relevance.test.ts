/** BinaryRelevance against crowd-kit's test (tests/aggregation/test_binary_relevance_aggregation.py). */
import { describe, expect, it } from 'vitest';
import { MultiLabelAnswers } from '@crowdlearn/core-matrix';
import { aggregate, binaryRelevance, dawidSkene, glad, majorityVote, wawa } from '../src/index.js';

const answers = MultiLabelAnswers.fromObservations([
  { item: 't1', worker: 'w1', labels: ['house', 'tree'] },
  { item: 't1', worker: 'w2', labels: ['house'] },
  { item: 't1', worker: 'w3', labels: ['house', 'tree', 'grass'] },
  { item: 't2', worker: 'w1', labels: ['car'] },
  { item: 't2', worker: 'w2', labels: ['car', 'human'] },
  { item: 't2', worker: 'w3', labels: ['train'] },
]);
const named = (labels: Int32Array[]) => labels.map((l) => Array.from(l, (c) => answers.classes.idOf(c)));

describe('BinaryRelevance', () => {
  it("gives t1 house and tree, t2 car, over MV, DS, Wawa and GLAD (crowd-kit's binary_relevance_toy_result)", () => {
    for (const one of [majorityVote, dawidSkene, wawa, glad]) {
      const r = binaryRelevance(answers, (l) => one(l, { tieBreak: 'lowest' }));
      expect(named(r.labels), one.name).toEqual([['house', 'tree'], ['car']]);
    }
  });

  it("each label's question keeps the items and workers, and its probabilities are the yes posteriors", () => {
    const r = binaryRelevance(answers, (l) => aggregate(l, { method: 'mv', tieBreak: 'lowest' }));
    expect(r.perLabel).toHaveLength(6);
    // tree on t1: two of three workers said yes
    expect(r.probabilities[0 * 6 + answers.classes.indexOf('tree')]).toBeCloseTo(2 / 3, 12);
    expect(binaryRelevance(MultiLabelAnswers.fromObservations([]), (l) => majorityVote(l)).labels).toEqual([]);
  });

  it('an empty label set names its row', () => {
    expect(() => MultiLabelAnswers.fromObservations([{ item: 'a', worker: 'w', labels: [] }], { source: 'm.csv', lineOfRow: () => 4 })).toThrow(/m\.csv:4: an empty label set for item "a"/);
  });
});
