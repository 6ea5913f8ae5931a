import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyCells, Origin, type CrowdLabels } from '@crowdlearn/core-matrix';
import { simulateCrowd } from '@crowdlearn/datasets';
import { aggregate } from '@crowdlearn/aggregators';
import { initBackend } from '@crowdlearn/neural';
import { densitySweep, fillGirt, fillGmv, fillWithModel, MmlcModel, mmlcConfig } from '../src/index.js';
import { fillingDensity } from '../src/fill-cells.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const crowd = (seed: number) => simulateCrowd({ numItems: 120, numClasses: 3, numWorkers: 12, featureDim: 6, labelsPerItem: 3 }, seed);

/** Observed labels of a matrix as "item,worker,label" strings. */
const observed = (labels: CrowdLabels) =>
  new Set(Array.from({ length: labels.numLabels }, (_, e) => e).filter((e) => labels.originOf(e) === Origin.Observed).map((e) => `${labels.item[e]},${labels.worker[e]},${labels.label[e]}`));

describe('the cells to fill (spec §5)', () => {
  it('are exactly the empty cells of the workers with more than b labels; the density follows', () => {
    const { labels } = crowd(1);
    for (const b of [0, 25, 30, 1000]) {
      const cells = emptyCells(labels, { threshold: b });
      const expected = Array.from({ length: labels.numWorkers }, (_, r) => labels.workerDegree(r)).reduce((s, n) => s + (n > b ? labels.numItems - n : 0), 0);
      expect(cells.item.length, `b = ${b}`).toBe(expected);
      const seen = new Set(Array.from({ length: labels.numLabels }, (_, e) => `${labels.item[e]},${labels.worker[e]}`));
      cells.item.forEach((i, c) => {
        expect(seen.has(`${i},${cells.worker[c]}`)).toBe(false);
        expect(labels.workerDegree(cells.worker[c]!)).toBeGreaterThan(b);
      });
      const filled = fillGmv(labels, { threshold: b, seed: 0 });
      expect(fillingDensity(filled)).toBeCloseTo((labels.numLabels + expected) / (labels.numItems * labels.numWorkers), 12);
    }
  });
});

describe('MMLC-df', () => {
  it('keeps every observed label, fills each eligible empty cell once (origin completed), and the sweep agrees with it', async () => {
    const { labels, features } = crowd(2);
    const model = new MmlcModel(3, 12, mmlcConfig('default', 12, { experts: 4, expertHidden: [16, 8], tower: [8], epochs: 3, batchSize: 64 }));
    await model.fit(labels, features!, { seed: 0 });
    const before = tf.memory().numTensors;
    const filled = fillWithModel(model, labels, features!);
    expect(observed(filled)).toEqual(observed(labels));
    expect(filled.numLabels).toBe(labels.numItems * labels.numWorkers);
    let completed = 0;
    for (let e = 0; e < filled.numLabels; e++) if (filled.originOf(e) === Origin.Completed) completed++;
    expect(completed).toBe(labels.numItems * labels.numWorkers - labels.numLabels);
    const points = [...densitySweep(model, labels, features!, [0, 20, 1000, 25])];
    expect(points.map((p) => p.threshold)).toEqual([1000, 25, 20, 0]);
    expect(points[0]!.density).toBeCloseTo(fillingDensity(labels), 12);
    for (let j = 1; j < points.length; j++) expect(points[j]!.density).toBeGreaterThanOrEqual(points[j - 1]!.density);
    expect(Array.from(points[3]!.labels.label)).toEqual(Array.from(filled.label));
    expect(Array.from(points[1]!.labels.label)).toEqual(Array.from(fillWithModel(model, labels, features!, { threshold: 25 }).label));
    const sampled = fillWithModel(model, labels, features!, { fill: 'sample', seed: 4 });
    expect(Array.from(sampled.label)).toEqual(Array.from(fillWithModel(model, labels, features!, { fill: 'sample', seed: 4 }).label));
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('the filling baselines (spec §6)', () => {
  it('G_MV is deterministic per seed; the rate of the MV label matches the worker abilities a_j within 2 standard errors', () => {
    // Two classes and three labels per item: MV has no ties, so this MV is G_MV's.
    const { labels } = simulateCrowd({ numItems: 2000, numClasses: 2, numWorkers: 6, featureDim: 0, labelsPerItem: 3 }, 3);
    const a = fillGmv(labels, { seed: 7 });
    expect(Array.from(fillGmv(labels, { seed: 7 }).label)).toEqual(Array.from(a.label));
    expect(Array.from(fillGmv(labels, { seed: 8 }).label)).not.toEqual(Array.from(a.label));
    const mvFilled = fillGmv(labels, { seed: 7, mode: 'ability' });
    const mv = aggregate(labels, { method: 'mv' }).labels;
    // Over all drawn cells: hits against Σ a_j, variance Σ a_j (1 − a_j).
    let expected = 0;
    let variance = 0;
    let hits = 0;
    for (let r = 0; r < labels.numWorkers; r++) {
      let agree = 0;
      let total = 0;
      let drawn = 0;
      for (let e = 0; e < mvFilled.numLabels; e++) {
        if (mvFilled.worker[e] !== r) continue;
        const same = mvFilled.label[e] === mv[mvFilled.item[e]!];
        if (mvFilled.originOf(e) === Origin.Observed) {
          total++;
          if (same) agree++;
        } else {
          drawn++;
          if (same) hits++;
        }
      }
      const ability = agree / total;
      expected += drawn * ability;
      variance += drawn * ability * (1 - ability);
    }
    expect(Math.abs(hits - expected)).toBeLessThan(2 * Math.sqrt(variance));
    expect(() => fillGmv(labels, { mode: 'codeGold' })).toThrow(/uses gold labels/);
  });

  it('G_IRT is deterministic per seed and draws ẑ_i with probability σ(α_j − e^{β_i}) within 2 standard errors', () => {
    const { labels, gold } = simulateCrowd({ numItems: 1500, numClasses: 3, numWorkers: 8, featureDim: 0, labelsPerItem: 4 }, 4);
    const g = fillGirt(labels, { seed: 2 });
    expect(Array.from(fillGirt(labels, { seed: 2 }).labels.label)).toEqual(Array.from(g.labels.label));
    let expected = 0;
    let variance = 0;
    let hits = 0;
    let n = 0;
    for (let e = 0; e < g.labels.numLabels; e++) {
      if (g.labels.originOf(e) !== Origin.Completed) continue;
      const i = g.labels.item[e]!;
      const p = 1 / (1 + Math.exp(-(g.alpha[g.labels.worker[e]!]! - Math.exp(g.beta[i]!))));
      expected += p;
      variance += p * (1 - p);
      if (g.labels.label[e] === g.truth[i]) hits++;
      n++;
    }
    expect(n).toBeGreaterThan(1000);
    expect(Math.abs(hits - expected)).toBeLessThan(2 * Math.sqrt(variance));
    expect(() => fillGirt(labels, { init: 'goldLeak' })).toThrow(/uses gold labels/);
    const leaked = fillGirt(labels, { init: 'goldLeak', gold, seed: 2 });
    expect(leaked.truth.length).toBe(labels.numItems);
  });
});
