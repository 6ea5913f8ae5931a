import { describe, expect, it } from 'vitest';
import { accuracy, accuracyOnAggregates, classificationReport, completionAccuracy, completionAgreement, confusionMatrix, consistency, CrowdLabels, GoldLabels, itemUncertainty, krippendorffAlpha, macroF1, mergeCompleted } from '../src/index.js';
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

describe("crowd-kit's worker and data metrics on its toy crowd (tests/metrics/test_metrics.py)", () => {
  // crowd-kit's toy YSDA crowd (tests/conftest.py), classes in order of first appearance: no, yes
  const rows = [
    ['w1', 't1', 'no'], ['w1', 't2', 'yes'], ['w1', 't3', 'yes'], ['w1', 't4', 'yes'], ['w1', 't5', 'yes'],
    ['w2', 't1', 'yes'], ['w2', 't2', 'yes'], ['w2', 't3', 'no'], ['w2', 't4', 'yes'], ['w2', 't5', 'no'],
    ['w3', 't2', 'yes'], ['w3', 't3', 'no'], ['w3', 't4', 'yes'], ['w3', 't5', 'no'],
    ['w4', 't1', 'yes'], ['w4', 't2', 'no'], ['w4', 't3', 'yes'], ['w4', 't4', 'yes'], ['w4', 't5', 'no'],
    ['w5', 't1', 'no'], ['w5', 't2', 'no'], ['w5', 't3', 'no'], ['w5', 't4', 'yes'], ['w5', 't5', 'no'],
  ] as const;
  const toy = CrowdLabels.fromObservations(rows.map(([worker, item, label]) => ({ item, worker, label })));
  // crowd-kit's MajorityVote on it (t1's tie goes to the first column, "no"): no, yes, no, yes, no
  const mv = Int32Array.of(0, 1, 0, 1, 0);

  it('accuracy on aggregates: per worker and over all labels (test_accuracy_on_aggregates)', () => {
    const a = accuracyOnAggregates(toy, mv);
    expect(Array.from(a.perWorker)).toEqual([0.6, 0.8, 1, 0.4, 0.8]);
    expect(a.overall).toBe(0.7083333333333334);
  });

  it('consistency with the MV labels and their agreement skills (test_consistency: 0.9384615384615385)', () => {
    const c = consistency(toy, mv, accuracyOnAggregates(toy, mv).perWorker);
    // the same number to the last digit or two: log space instead of products
    expect(c.mean).toBeCloseTo(0.9384615384615385, 14);
    // t4: everyone says yes, and w3 is always right: certain
    expect(c.perItem[3]).toBe(1);
  });

  it('uncertainty with given skills (test_uncertainty_mean_per_task_skills: 0.6308666201949331)', () => {
    // crowd-kit's current value; before it summed per task it multiplied, and its test said 0.12344835394606832
    const u = itemUncertainty(toy, [0.6, 0.8, 1.0, 0.4, 0.8]);
    expect(u.reduce((s, x) => s + x, 0) / u.length).toBeCloseTo(0.6308666201949331, 14);
    // without skills, every label counts 1: t4 (all yes) has entropy 0
    expect(itemUncertainty(toy)[3]).toBe(0);
  });

  it("Krippendorff's alpha of the toy crowd (test_alpha_krippendorff: 0.14219114219114215)", () => {
    expect(krippendorffAlpha(toy)).toBeCloseTo(0.14219114219114215, 14);
  });
});
