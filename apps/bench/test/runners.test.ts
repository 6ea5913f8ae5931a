import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompletionResult, CrowdLabels, Features } from '@crowdlearn/core-matrix';
import { CROWDING_CLASSIFIER, CROWDING_COMPLETION } from '@crowdlearn/crowding';
import { DASC_CLASSIFIER, dascBaseModel, roundBudget, selfTrain } from '@crowdlearn/dasc';
import { simulateCrowd } from '@crowdlearn/datasets';
import { fillGirt, fillGmv, fillWithModel, MMLC_AGGREGATORS, MMLC_COMPLETION, MmlcModel, mmlcConfig } from '@crowdlearn/mmlc';
import { BASE_MODELS, initBackend, lagnn, NEURAL_AGGREGATORS } from '@crowdlearn/neural';
import { completeTllc, completeWslc, TLLC_COMPLETION } from '@crowdlearn/tllc';

/**
 * Every catalogue runner outside the aggregators package (whose runners
 * `packages/aggregators/test/catalogue.test.ts` checks) on a small crowd:
 * it returns what the direct call returns, with the catalogue's defaults.
 */
const sim = simulateCrowd({ numItems: 60, numClasses: 3, numWorkers: 6, featureDim: 4, participation: [0.3, 0.6] }, 1);
const labels = sim.labels;
const features = sim.features as Features;
const entry = <E extends { name: string }>(list: readonly E[], name: string) => list.find((e) => e.name === name) as E;
const same = (a: CrowdLabels, b: CrowdLabels) => {
  expect(Array.from(a.item)).toEqual(Array.from(b.item));
  expect(Array.from(a.worker)).toEqual(Array.from(b.worker));
  expect(Array.from(a.label)).toEqual(Array.from(b.label));
};
const completedCount = (r: CompletionResult) => expect(r.completed).toBe(r.labels.numLabels - labels.numLabels);

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('the catalogue runners give what the direct calls give', () => {
  it('completion: G_MV, G_IRT, WSLC, TLLC and MMLC-df', async () => {
    const gmv = await entry(MMLC_COMPLETION, 'g-mv').run({ labels }, {}, { seed: 2 });
    same(gmv.labels, fillGmv(labels, { seed: 2, threshold: 0 }));
    completedCount(gmv);
    const girt = await entry(MMLC_COMPLETION, 'g-irt').run({ labels }, { threshold: 10 }, { seed: 2 });
    same(girt.labels, fillGirt(labels, { seed: 2, threshold: 10 }).labels);
    const wslc = await entry(TLLC_COMPLETION, 'wslc').run({ labels, features }, {}, { seed: 2 });
    same(wslc.labels, completeWslc(labels, features, { seed: 2 }).labels);
    completedCount(wslc);
    const tllcOptions = { pretrainEpochs: 1, finetuneEpochs: 1 };
    const tllc = await entry(TLLC_COMPLETION, 'tllc').run({ labels, features }, tllcOptions, { seed: 2 });
    same(tllc.labels, (await completeTllc(labels, features, { ...tllcOptions, seed: 2 })).labels);
    completedCount(tllc);
    const df = await entry(MMLC_COMPLETION, 'mmlc-df').run({ labels, features }, { epochs: 2 }, { seed: 2 });
    const model = new MmlcModel(3, 6, mmlcConfig('default', 6, { epochs: 2 }));
    await model.fit(labels, features, { seed: 2 });
    same(df.labels, fillWithModel(model, labels, features, { threshold: 0, seed: 2 }));
    model.dispose();
    await expect(entry(TLLC_COMPLETION, 'wslc').run({ labels }, {}, {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('truth inference: LAGNN and MMLC-owf return posteriors that sum to 1 per item', async () => {
    const r = await entry(NEURAL_AGGREGATORS, 'lagnn').run({ labels }, { epochs: 5 }, { seed: 3 });
    expect(Array.from(r.posteriors)).toEqual(Array.from((await lagnn(labels, { epochs: 5, seed: 3 })).posteriors));
    const owf = await entry(MMLC_AGGREGATORS, 'mmlc-owf').run({ labels, features }, { epochs: 2 }, { seed: 3 });
    expect(owf.labels).toHaveLength(60);
    for (let i = 0; i < 60; i++) expect(owf.posteriors[3 * i]! + owf.posteriors[3 * i + 1]! + owf.posteriors[3 * i + 2]!).toBeCloseTo(1, 5);
  });

  it('classifiers: every base model, DASC and CrowdInG train, and the base models leak no tensor', async () => {
    const before = tf.memory().numTensors;
    for (const e of BASE_MODELS) {
      const { model } = await e.run({ labels, features }, { epochs: 2 }, { seed: 4 });
      const direct = e.create(labels, { epochs: 2 });
      await direct.fit({ labels, features }, { seed: 4 });
      expect(Array.from(model.predictProba(features)), e.name).toEqual(Array.from(direct.predictProba(features)));
      model.dispose();
      direct.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    const dasc = await DASC_CLASSIFIER.run({ labels, features }, { rounds: 1, budget: 20 }, { seed: 4 });
    const base = dascBaseModel('crowdlayer', labels, undefined);
    const direct = await selfTrain(base, { labels, features }, { seed: 4, rounds: 1, budget: roundBudget(20) });
    same(dasc.labels, direct.labels);
    dasc.model.dispose();
    base.dispose();
    const crowding = await CROWDING_CLASSIFIER.run({ labels, features }, { epochs: 1, pretrainEpochs: 2 }, { seed: 4 });
    expect(crowding.history.map((h) => h.epoch)).toEqual([0, 1]);
    crowding.model.dispose();
    const augmented = await CROWDING_COMPLETION.run({ labels, features }, { epochs: 1, pretrainEpochs: 2 }, { seed: 4 });
    expect(augmented.labels.numLabels).toBe(60 * 6);
    completedCount(augmented);
  });
});
