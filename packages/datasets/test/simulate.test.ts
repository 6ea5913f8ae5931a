import { describe, expect, it } from 'vitest';
import { goldClassCounts, labelsPerItem, labelsPerWorker } from '@crowdlearn/core-matrix';
import { SIMULATION_PRESETS, simulateCrowd } from '../src/index.js';

describe('simulateCrowd', () => {
  it('is identical for the same seed and different for another', () => {
    const a = simulateCrowd({ numItems: 200 }, 7);
    const b = simulateCrowd({ numItems: 200 }, 7);
    const c = simulateCrowd({ numItems: 200 }, 8);
    expect(Array.from(a.labels.label)).toEqual(Array.from(b.labels.label));
    expect(Array.from(a.features?.data ?? [])).toEqual(Array.from(b.features?.data ?? []));
    expect(Array.from(a.latent)).not.toEqual(Array.from(c.latent));
  });

  it('follows the default WSLC protocol: shapes, participation, no empty item or worker', () => {
    const s = simulateCrowd({}, 1);
    expect([s.labels.numItems, s.labels.numWorkers, s.labels.numClasses]).toEqual([600, 40, 4]);
    expect(s.features?.numCols).toBe(16);
    expect(labelsPerItem(s.labels).every((c) => c > 0)).toBe(true);
    expect(labelsPerWorker(s.labels).every((c) => c > 0)).toBe(true);
    // participation ~ U(0.1, 0.5): mean 0.3, so ~ 0.3 * 600 * 40 = 7200 labels (sd of the sum over workers ~ 0.115 * 600 * sqrt(40) ≈ 440)
    expect(Math.abs(s.labels.numLabels - 7200)).toBeLessThan(1800);
    // observed labels are the latent answers
    for (let e = 0; e < s.labels.numLabels; e++) {
      expect(s.labels.label[e]).toBe(s.latent[(s.labels.item[e] as number) * 40 + (s.labels.worker[e] as number)]);
    }
  });

  it('worker accuracy on the latent matrix matches the quality parameter', () => {
    const s = simulateCrowd({ numItems: 3000, numWorkers: 10 }, 3);
    const y = s.gold;
    for (let r = 0; r < 10; r++) {
      let hit = 0;
      for (let i = 0; i < 3000; i++) if (s.latent[i * 10 + r] === y.get(i)) hit++;
      // sd of the hit rate <= sqrt(0.25 / 3000) ≈ 0.009; allow 5 sd
      expect(Math.abs(hit / 3000 - (s.workerQuality[r] as number))).toBeLessThan(0.046);
      const p = s.workerQuality[r] as number;
      expect(p >= 0.5 && p <= 0.9).toBe(true);
    }
  });

  it('latent answers follow each worker confusion matrix', () => {
    const K = 3;
    const s = simulateCrowd({ numItems: 4000, numClasses: K, numWorkers: 6, workerMix: { confusion: 1, adversarial: 1, spammer: 1 } }, 5);
    for (let r = 0; r < 6; r++) {
      const counts = new Float64Array(K * K);
      const perClass = new Float64Array(K);
      for (let i = 0; i < 4000; i++) {
        const k = s.gold.get(i) as number;
        perClass[k]!++;
        counts[k * K + (s.latent[i * 6 + r] as number)]!++;
      }
      for (let k = 0; k < K; k++) {
        let rowSum = 0;
        for (let l = 0; l < K; l++) {
          const want = s.confusion[r * K * K + k * K + l] as number;
          rowSum += want;
          // ~1333 items per class: sd <= 0.0137; allow 5 sd
          expect(Math.abs((counts[k * K + l] as number) / (perClass[k] as number) - want)).toBeLessThan(0.07);
        }
        expect(rowSum).toBeCloseTo(1, 12);
      }
    }
    expect(s.workerTypes.filter((t) => t === 'spammer').length).toBe(2);
  });

  it('long-tailed priors and fixed redundancy', () => {
    const s = simulateCrowd({ numItems: 5000, numClasses: 3, imbalanceRatio: 4, labelsPerItem: 3, featureDim: 0 }, 9);
    expect(s.features).toBeUndefined();
    expect(Array.from(s.classPrior)).toEqual([4 / 7, 2 / 7, 1 / 7]);
    const c = goldClassCounts(s.gold);
    expect(Math.abs((c[0] as number) / 5000 - 4 / 7)).toBeLessThan(0.035); // 5 sd
    expect(Math.abs((c[2] as number) / 5000 - 1 / 7)).toBeLessThan(0.025);
    expect(labelsPerItem(s.labels).every((n) => n === 3)).toBe(true);
  });

  it('difficulty makes errors depend on the features', () => {
    const s = simulateCrowd({ numItems: 3000, numWorkers: 5, difficulty: 1, separation: 2 }, 11);
    expect(s.features).toBeDefined();
    const easy = simulateCrowd({ numItems: 3000, numWorkers: 5, difficulty: 0, separation: 2 }, 11);
    const acc = (c: typeof s) => {
      let hit = 0;
      for (let i = 0; i < 3000; i++) for (let r = 0; r < 5; r++) if (c.latent[i * 5 + r] === c.gold.get(i)) hit++;
      return hit / 15000;
    };
    expect(acc(easy) - acc(s)).toBeGreaterThan(0.05);
    // and the reported confusion diagonal is lower accordingly
    expect(s.confusion[0] as number).toBeLessThan(easy.confusion[0] as number);
  });

  it('the crowdmeta preset has its four worker types and 3 labels per item', () => {
    const s = simulateCrowd(SIMULATION_PRESETS.crowdmeta, 2);
    const count = (t: string) => s.workerTypes.filter((w) => w === t).length;
    expect([count('spammer'), count('random'), count('instanceDependent'), count('expert')]).toEqual([5, 5, 12, 8]);
    expect(s.labels.numLabels).toBe(1500);
  });

  it('labels given items when `truth` is set (a real dataset\'s gold, say)', () => {
    const truth = Int32Array.from({ length: 90 }, (_, i) => i % 3);
    const c = simulateCrowd({ ...SIMULATION_PRESETS.crowdmeta, numClasses: 3, truth, featureDim: 0 }, 4);
    expect(c.labels.numItems).toBe(90);
    expect(Array.from({ length: 90 }, (_, i) => c.gold.get(i))).toEqual(Array.from(truth));
    expect(c.labels.numLabels).toBe(90 * 3);
    expect(() => simulateCrowd({ numClasses: 3, truth: [0, 3] }, 1)).toThrow(/truth/);
  });

  it('rejects impossible settings', () => {
    expect(() => simulateCrowd({ numClasses: 1 }, 1)).toThrow(/numClasses/);
    expect(() => simulateCrowd({ labelsPerItem: 50 }, 1)).toThrow(/labelsPerItem/);
    expect(() => simulateCrowd({ workerMix: { wizard: 1 } as never }, 1)).toThrow(/workerMix/);
  });
});
