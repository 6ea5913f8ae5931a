import { describe, expect, it } from 'vitest';
import {
  accuracy,
  classificationReport,
  completionAccuracy,
  completionAgreement,
  confusionMatrix,
  GoldLabels,
  macroF1,
  mergeCompleted,
} from '../src/index.js';
import { smallMatrix } from './fixtures.js';

describe('metrics', () => {
  const { labels, gold } = smallMatrix();
  const predicted = Int32Array.of(0, 1, 0, 1);

  it('accuracy counts gold items only', () => {
    expect(accuracy(predicted, gold)).toBeCloseTo(2 / 3, 15);
    expect(accuracy(predicted, GoldLabels.fromPairs(4, 2, [], []))).toBeNaN();
    expect(() => accuracy([0], gold)).toThrow(/one prediction per item/);
  });

  it('confusion matrix has gold rows and predicted columns', () => {
    expect(Array.from(confusionMatrix(predicted, gold).counts)).toEqual([1, 0, 1, 1]);
  });

  it('precision, recall, F1 and macro F1', () => {
    const r = classificationReport(predicted, gold);
    expect(Array.from(r.precision)).toEqual([0.5, 1]);
    expect(Array.from(r.recall)).toEqual([1, 0.5]);
    expect(r.f1[0]).toBeCloseTo(2 / 3, 15);
    expect(r.f1[1]).toBeCloseTo(2 / 3, 15);
    expect(Array.from(r.support)).toEqual([1, 2]);
    expect(macroF1(predicted, gold)).toBeCloseTo(2 / 3, 15);
  });

  it('macro F1 skips classes absent from gold and predictions', () => {
    const g = GoldLabels.fromArray([0, 0, 1], 3);
    expect(macroF1([0, 0, 1], g)).toBe(1);
  });

  it('completion accuracy looks at completed cells only', () => {
    // Complete (item2, w0) = 1 (right), (item1, w2) = 0 (wrong), (item3, w0) = 0 (no gold).
    const merged = mergeCompleted(labels, {
      item: Int32Array.of(2, 1, 3),
      worker: Int32Array.of(0, 2, 0),
      label: Int32Array.of(1, 0, 0),
    }).labels;
    expect(completionAccuracy(merged, gold)).toEqual({ accuracy: 0.5, judged: 2 });
    // Latent answers: every worker would answer 1 everywhere.
    const latent = new Int32Array(4 * 3).fill(1);
    expect(completionAgreement(merged, latent)).toEqual({ accuracy: 1 / 3, judged: 3 });
    expect(completionAccuracy(labels, gold).accuracy).toBeNaN();
  });
});
