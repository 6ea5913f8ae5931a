import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CrowdLabels, Features } from '@crowdlearn/core-matrix';
import { initBackend } from '@crowdlearn/neural';
import { MmlcModel, mmlcConfig } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** 12 items x 4 features, 3 workers, 3 classes; every worker labels 8 items. */
function tiny() {
  const features = new Features(Float32Array.from({ length: 12 * 4 }, (_, j) => [Math.sin, Math.cos, (v: number) => (v % 3) - 1, (v: number) => v / 12][j % 4]!(Math.floor(j / 4))), 12, 4);
  const item: number[] = [];
  const worker: number[] = [];
  const label: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (let i = 0; i < 12; i++) {
      if ((i + r) % 3 === 0) continue;
      item.push(i);
      worker.push(r);
      label.push((i + r) % 3);
    }
  }
  return { labels: CrowdLabels.fromArrays({ item: Int32Array.from(item), worker: Int32Array.from(worker), label: Int32Array.from(label) }, { numItems: 12, numWorkers: 3, numClasses: 3 }), features };
}

const small = (overrides = {}) => mmlcConfig('default', 3, { experts: 4, expertHidden: [8, 5], tower: [6], epochs: 3, batchSize: 8, ...overrides });

describe('the MMLC network (spec §3)', () => {
  it('U(x) is E x H per item, v(w) is on the simplex, and Eq. 5 is the explicit sum Σ_e v_e u_e', async () => {
    const { labels, features } = tiny();
    const model = new MmlcModel(3, 3, small());
    await model.fit(labels, features, { seed: 1 });
    tf.tidy(() => {
      const x = tf.tensor2d(features.data.slice(0, 2 * 4), [2, 4]);
      const u = model.expertOutputs(x);
      expect(u.shape).toEqual([2, 4, 5]);
      const v = model.gate([0, 2]);
      const vs = v.arraySync();
      vs.forEach((row) => expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5));
      const projected = MmlcModel.project(u, v).arraySync();
      const ua = u.arraySync();
      for (let b = 0; b < 2; b++) {
        for (let h = 0; h < 5; h++) {
          const explicit = ua[b]!.reduce((s, ue, e) => s + vs[b]![e]! * ue[h]!, 0);
          expect(projected[b]![h]).toBeCloseTo(explicit, 5);
        }
      }
      // ReLU after every expert layer, the last included
      expect(Math.min(...(u.dataSync() as Float32Array))).toBeGreaterThanOrEqual(0);
    });
    model.dispose();
  });

  it('trains on the mean cross-entropy of the observed (item, worker, label) rows (Eq. 7, λ = 0)', async () => {
    const { labels, features } = tiny();
    // One full batch at step size 0: the recorded loss is the loss of the initial weights, which stay.
    const model = new MmlcModel(3, 3, small({ epochs: 1, batchSize: 1000, learningRate: 0 }));
    const history = await model.fit(labels, features, { seed: 2 });
    const p = model.workerProba(features, labels.item, labels.worker);
    let ce = 0;
    for (let e = 0; e < labels.numLabels; e++) ce -= Math.log(p[e * 3 + (labels.label[e] as number)] as number);
    expect(history.loss[0]).toBeCloseTo(ce / labels.numLabels, 5);
    model.dispose();
  });

  it('is deterministic per seed, differs across seeds, and leaks no tensor', async () => {
    const { labels, features } = tiny();
    const before = tf.memory().numTensors;
    const run = async (seed: number) => {
      const model = new MmlcModel(3, 3, small());
      await model.fit(labels, features, { seed });
      const v = Array.from(model.projections());
      model.dispose();
      return v;
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(await run(6)).not.toEqual(a);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects annotations that do not fit the model, and use before training', async () => {
    const { labels, features } = tiny();
    const model = new MmlcModel(4, 3, small());
    await expect(model.fit(labels, features)).rejects.toThrow(/do not fit the model/);
    expect(() => new MmlcModel(3, 3, small()).projectedProba(features, [0.25, 0.25, 0.25, 0.25])).toThrow(/not trained/);
  });

  it('reshuffles the rows every epoch only when asked (the code shuffles once)', async () => {
    const { labels, features } = tiny();
    const once = new MmlcModel(3, 3, small());
    const every = new MmlcModel(3, 3, small({ shuffleEachEpoch: true }));
    await once.fit(labels, features, { seed: 3 });
    await every.fit(labels, features, { seed: 3 });
    expect(Array.from(once.projections())).not.toEqual(Array.from(every.projections()));
    once.dispose();
    every.dispose();
  });
});
