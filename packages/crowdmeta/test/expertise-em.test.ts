import { describe, expect, it } from 'vitest';
import { CrowdLabels } from '@crowdlearn/core-matrix';
import { simulateCrowd } from '@crowdlearn/datasets';
import { eStep, expectedLogLikelihood, expertiseGradient, expertiseMStep, inferWithExpertise, quality } from '../src/index.js';

const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));
const EPS = 1e-5;

/** 3 items, 2 workers, 3 classes: worker 0 labels items 0, 1; worker 1 labels items 0, 2. */
function toy() {
  const labels = CrowdLabels.fromArrays({ item: Int32Array.from([0, 0, 1, 2]), worker: Int32Array.from([0, 1, 0, 1]), label: Int32Array.from([1, 2, 0, 2]) }, { numItems: 3, numWorkers: 2, numClasses: 3 });
  const V = Float64Array.from([1, 0.5, -0.2, 2, 0.3, 0.1]); // D = 2
  const E = Float64Array.from([0.8, 0.4, 0.1, 0.9]);
  return { labels, V, E };
}

describe("CrowdMeta's EM (spec §3)", () => {
  it('the E-step matches hand values on a 2-worker, 3-item toy', () => {
    const { labels, V, E } = toy();
    const T = new Float64Array(9);
    eStep(labels, V, 2, E, new Float64Array(9).fill(-Math.log(3)), T);
    const q = (i: number, w: number) => sigmoid(V[2 * i]! * E[2 * w]! + V[2 * i + 1]! * E[2 * w + 1]!);
    const right = (p: number) => p + EPS;
    const wrong = (p: number) => (1 - p) / 2 + EPS;
    // item 0: worker 0 says 1, worker 1 says 2
    const [a, b] = [q(0, 0), q(0, 1)];
    const item0 = [wrong(a) * wrong(b), right(a) * wrong(b), wrong(a) * right(b)];
    const z0 = item0.reduce((s, x) => s + x, 0);
    item0.forEach((x, k) => expect(T[k]).toBeCloseTo(x / z0, 12));
    // item 1: worker 0 says 0
    const c = q(1, 0);
    const item1 = [right(c), wrong(c), wrong(c)];
    const z1 = item1.reduce((s, x) => s + x, 0);
    item1.forEach((x, k) => expect(T[3 + k]).toBeCloseTo(x / z1, 12));
    expect(quality(V, 2, E, 2, 1)).toBeCloseTo(sigmoid(0.3 * 0.1 + 0.1 * 0.9), 12);
  });

  it('the analytic gradient of Q matches central finite differences', () => {
    const { labels, V, E } = toy();
    const T = Float64Array.from([0.2, 0.5, 0.3, 0.7, 0.2, 0.1, 0.1, 0.1, 0.8]);
    for (const qPrior of [true, false]) {
      const o = { qPrior, all: false };
      const g = expertiseGradient(labels, V, 2, E, T, o);
      for (let j = 0; j < E.length; j++) {
        const h = 1e-5;
        const plus = Float64Array.from(E);
        const minus = Float64Array.from(E);
        plus[j]! += h;
        minus[j]! -= h;
        const fd = (expectedLogLikelihood(labels, V, 2, plus, T, o) - expectedLogLikelihood(labels, V, 2, minus, T, o)) / (2 * h);
        expect(Math.abs(fd - g[j]!) / Math.max(1e-8, Math.abs(fd)), `e[${j}], qPrior ${qPrior}`).toBeLessThan(1e-4);
      }
    }
  });

  it('the projected M-step keeps E in [0, 1] and does not decrease Q', () => {
    const { labels, V } = toy();
    const T = Float64Array.from([0.2, 0.5, 0.3, 0.7, 0.2, 0.1, 0.1, 0.1, 0.8]);
    const settings = { bounded: true, qPrior: true, all: false, mSteps: 10, mStepLearningRate: 0.05 };
    const E = new Float64Array(4).fill(1);
    const before = expectedLogLikelihood(labels, V, 2, E, T, settings);
    expertiseMStep(labels, V, 2, E, T, settings);
    expect(Math.min(...E)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...E)).toBeLessThanOrEqual(1);
    expect(expectedLogLikelihood(labels, V, 2, E, T, settings)).toBeGreaterThanOrEqual(before);
  });

  it('sums over the observed labels only: an unlabelled worker changes nothing (unless sumOverAllWorkers)', () => {
    const { labels, V } = toy();
    const wider = CrowdLabels.fromArrays({ item: labels.item, worker: labels.worker, label: labels.label }, { numItems: 3, numWorkers: 3, numClasses: 3 });
    const a = inferWithExpertise(labels, V, 2, { seed: 1 });
    const b = inferWithExpertise(wider, V, 2, { seed: 1 });
    expect(Array.from(b.posteriors)).toEqual(Array.from(a.posteriors));
    expect(Array.from(b.expertise.subarray(0, 4))).toEqual(Array.from(a.expertise));
    // the extra worker keeps its initial expertise
    expect(Array.from(b.expertise.subarray(4))).toEqual([1, 1]);
    const all = inferWithExpertise(wider, V, 2, { seed: 1, sumOverAllWorkers: true });
    expect(Array.from(all.expertise.subarray(4))).not.toEqual([1, 1]);
  });

  it('v = 0 gives q = 1/2 for every worker; K = 2 uses 1 − q for the wrong class; bad shapes are errors', () => {
    expect(quality([0, 0], 2, [0.3, 0.7], 0, 0)).toBe(0.5);
    const labels = CrowdLabels.fromArrays({ item: Int32Array.from([0]), worker: Int32Array.from([0]), label: Int32Array.from([1]) }, { numItems: 1, numWorkers: 1, numClasses: 2 });
    const T = new Float64Array(2);
    eStep(labels, [2], 1, [1], new Float64Array(2), T);
    const q = sigmoid(2);
    expect(T[1]).toBeCloseTo((q + EPS) / (q + EPS + (1 - q) + EPS), 12);
    expect(() => inferWithExpertise(labels, [1, 2, 3], 2)).toThrow(/do not match the items/);
    expect(() => inferWithExpertise(labels, [Number.NaN], 1)).toThrow(/not finite/);
    expect(() => inferWithExpertise(labels, [1, 2, 3], 3, { labelPrior: 'softmaxRepr' })).toThrow(/softmaxRepr/);
  });

  it('the EM log-likelihood never decreases (soft EM, with and without the box, the class prior, the sum over all workers)', () => {
    const { labels } = simulateCrowd({ numItems: 300, numClasses: 4, numWorkers: 20, featureDim: 0, labelsPerItem: 3, workerMix: { oneCoin: 3, spammer: 1 } }, 5);
    const V = Float64Array.from({ length: 300 * 3 }, (_, j) => Math.sin(j * 0.7) + (j % 3 === 0 ? 1 : 0));
    for (const options of [{}, { bounded: false }, { labelPrior: 'classPrior' as const }, { sumOverAllWorkers: true }, { qPrior: false }]) {
      const r = inferWithExpertise(labels, V, 3, { ...options, maxIterations: 12, tol: 0 });
      expect(r.logLikelihood.length).toBe(12);
      for (let t = 1; t < r.logLikelihood.length; t++) expect(r.logLikelihood[t]!, `${JSON.stringify(options)} round ${t}`).toBeGreaterThanOrEqual(r.logLikelihood[t - 1]! - 1e-9 * Math.abs(r.logLikelihood[t - 1]!));
    }
  });

  it('with v_i marking two competence regions, the expertise vectors recover which region each worker is good at (without the q prior, or unbounded)', () => {
    // items 0..299 in region A (v = (1, 0)), 300..599 in region B (v = (0, 1)); K = 3
    const N = 600;
    const truth = Int32Array.from({ length: N }, (_, i) => i % 3);
    const V = Float64Array.from({ length: N * 2 }, (_, j) => (j % 2 === 0 ? (Math.floor(j / 2) < 300 ? 1 : 0) : Math.floor(j / 2) < 300 ? 0 : 1));
    // workers 0..5 right with 0.9 in A and 0.2 in B; workers 6..11 the reverse; 4 labels per item
    const item: number[] = [];
    const worker: number[] = [];
    const label: number[] = [];
    let state = 12345;
    const uniform = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < N; i++) {
      const chosen = new Set<number>();
      while (chosen.size < 4) chosen.add(Math.floor(uniform() * 12));
      for (const w of chosen) {
        const good = (w < 6) === (i < 300);
        const right = uniform() < (good ? 0.9 : 0.2);
        item.push(i);
        worker.push(w);
        label.push(right ? truth[i]! : (truth[i]! + 1 + Math.floor(uniform() * 2)) % 3);
      }
    }
    const labels = CrowdLabels.fromArrays({ item: Int32Array.from(item), worker: Int32Array.from(worker), label: Int32Array.from(label) }, { numItems: N, numWorkers: 12, numClasses: 3 });
    // Without the log σ(v·e) prior, or without the box: with both (the defaults) q̄ cannot fall below σ(0) = 1/2 and the
    // prior pulls every e_w to the box's top, so a bad region is not recovered (see the README).
    for (const options of [{ qPrior: false }, { bounded: false }]) {
      const r = inferWithExpertise(labels, V, 2, { seed: 0, ...options });
      for (let w = 0; w < 12; w++) {
        const [a, b] = [r.expertise[2 * w]!, r.expertise[2 * w + 1]!];
        if (w < 6) expect(a, `worker ${w}, ${JSON.stringify(options)}`).toBeGreaterThan(b + 0.5);
        else expect(b, `worker ${w}, ${JSON.stringify(options)}`).toBeGreaterThan(a + 0.5);
      }
    }
  });

  it('hard EM, class prior and the softmax-of-v prior run and are deterministic per seed', () => {
    const { labels, V } = toy();
    for (const options of [{ em: 'hard' as const }, { labelPrior: 'classPrior' as const }, { bounded: false }]) {
      const a = inferWithExpertise(labels, V, 2, { ...options, seed: 3 });
      expect(Array.from(inferWithExpertise(labels, V, 2, { ...options, seed: 3 }).labels)).toEqual(Array.from(a.labels));
      expect(a.rounds).toBeGreaterThan(0);
    }
    const three = Float64Array.from([3, 0, 0, 0, 3, 0, 0, 0, 3]);
    // item 1's single label says class 0, its representation class 1: the prior decides
    expect(inferWithExpertise(labels, three, 3, { labelPrior: 'softmaxRepr' }).labels[1]).toBe(1);
    expect(inferWithExpertise(labels, three, 3).labels[1]).toBe(0);
  });
});
