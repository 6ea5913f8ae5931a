import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Origin, subsetItems, type CrowdLabels, type Features } from '@crowdlearn/core-matrix';
import { simulateCrowd } from '@crowdlearn/datasets';
import { Crowdlayer, initBackend } from '@crowdlearn/neural';
import { selfTrain, trainWithMethod, type DascMethod } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** The spec's behaviour crowd (§10): R_g = 3, K = 4, d = 16, one-coin workers p ~ U(0.55, 0.85), π ~ U(0.05, 0.15); 1,000 training items and 500 held out. */
function imbalancedCrowd(seed: number) {
  const sim = simulateCrowd({ numItems: 1500, numClasses: 4, featureDim: 16, imbalanceRatio: 3, workerMix: { oneCoin: 1 }, quality: [0.55, 0.85], participation: [0.05, 0.15] }, seed);
  const train = Int32Array.from({ length: 1000 }, (_, i) => i);
  const test = Int32Array.from({ length: 500 }, (_, i) => 1000 + i);
  return {
    labels: subsetItems(sim.labels, train),
    features: (sim.features as Features).selectRows(train),
    testFeatures: (sim.features as Features).selectRows(test),
    testGold: Array.from(test, (i) => sim.gold.get(i) as number),
    gold: sim.gold,
  };
}

/** Mean per-class recall on the held-out items. */
function balancedAccuracy(p: Float32Array, gold: number[], K: number): number {
  const hit = new Array<number>(K).fill(0);
  const total = new Array<number>(K).fill(0);
  gold.forEach((y, j) => {
    let best = 0;
    for (let k = 1; k < K; k++) if (p[j * K + k]! > p[j * K + best]!) best = k;
    total[y]!++;
    if (best === y) hit[y]!++;
  });
  return hit.reduce((s, h, k) => s + h / total[k]!, 0) / K;
}

const crowdlayer = (labels: CrowdLabels, epochs: number) => (settings: object) =>
  new Crowdlayer({ numClasses: labels.numClasses, numWorkers: labels.numWorkers, variant: 'MW', training: { epochs }, ...settings });

describe('selfTrain', () => {
  it('adds each empty cell at most once, never overwrites an observed annotation, and leaks no tensor', async () => {
    const sim = simulateCrowd({ numItems: 150, numClasses: 3, numWorkers: 8, featureDim: 6, participation: [0.1, 0.3] }, 5);
    const before = tf.memory().numTensors;
    const model = crowdlayer(sim.labels, 5)({});
    const result = await selfTrain(model, { labels: sim.labels, features: sim.features! }, { rounds: 3, budget: { mode: 'count', count: 40 }, seed: 2, gold: sim.gold });
    const out = result.labels;
    expect(result.rounds.map((r) => r.round)).toEqual([0, 1, 2, 3]);
    expect(result.rounds.slice(1).map((r) => r.selected)).toEqual([40, 40, 40]);
    expect(out.numLabels).toBe(sim.labels.numLabels + 120);
    expect(out.numCompleted).toBe(120);
    for (let e = 0; e < sim.labels.numLabels; e++) {
      const f = out.findLabel(sim.labels.item[e]!, sim.labels.worker[e]!);
      expect(out.label[f]).toBe(sim.labels.label[e]);
      expect(out.originOf(f)).toBe(Origin.Observed);
    }
    const last = result.rounds[3]!;
    expect(last.classCounts.reduce((a, b) => a + b, 0)).toBe(out.numLabels);
    expect(typeof last.precisionMajority).toBe('number');
    expect(last.quotas!.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(40);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the same seed gives the same pseudo-annotations; a budget above the candidates takes them all with a warning', async () => {
    const sim = simulateCrowd({ numItems: 60, numClasses: 3, numWorkers: 5, featureDim: 4, participation: [0.2, 0.4] }, 6);
    const run = async (count: number, strategy: 'dasc' | 'confidence' = 'dasc') => {
      const model = crowdlayer(sim.labels, 3)({});
      const r = await selfTrain(model, { labels: sim.labels, features: sim.features! }, { rounds: 2, budget: { mode: 'count', count }, seed: 9, strategy });
      model.dispose();
      return r;
    };
    const a = await run(30);
    const b = await run(30);
    expect(Array.from(a.labels.label)).toEqual(Array.from(b.labels.label));
    expect(Array.from(a.labels.item)).toEqual(Array.from(b.labels.item));
    // DASC's quotas lose what a short class cannot use; Confidence takes everything
    const all = await run(10_000, 'confidence');
    expect(all.labels.numLabels).toBe(60 * 5);
    expect(all.warnings.join('\n')).toMatch(/takes every candidate/);
    expect(all.warnings.join('\n')).toMatch(/no empty cell is left/);
  });

  it('B1 and B3 on an imbalanced sparse crowd: DASC keeps R below Confidence in every round, and tests at least as well as CE (3 seeds)', async () => {
    const accuracy: Record<string, number[]> = { ce: [], dasc: [], confidence: [] };
    for (const seed of [0, 1, 2]) {
      const crowd = imbalancedCrowd(seed);
      const ratios: Record<string, number[]> = {};
      for (const method of ['ce', 'dasc', 'confidence'] as DascMethod[]) {
        const r = await trainWithMethod(method, crowdlayer(crowd.labels, 20), crowd, { seed, budget: { mode: 'fraction', fraction: 0.05 } });
        accuracy[method]!.push(balancedAccuracy(r.model.predictProba(crowd.testFeatures), crowd.testGold, 4));
        ratios[method] = r.rounds.map((x) => x.imbalanceRatio);
        r.model.dispose();
      }
      for (let round = 1; round <= 5; round++) expect(ratios.dasc![round]!).toBeLessThan(ratios.confidence![round]!);
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(accuracy.dasc!)).toBeGreaterThanOrEqual(mean(accuracy.ce!));
  });
});
