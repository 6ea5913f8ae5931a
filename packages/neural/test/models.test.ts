import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subsetItems } from '@crowdlearn/core-matrix';
import { loadDataset, simulateCrowd } from '@crowdlearn/datasets';
import {
  AggregateThenTrain,
  AnnoReg,
  assertModelTarget,
  Crowdlayer,
  DoctorNet,
  initBackend,
  loadModel,
  modelAccuracy,
  saveModel,
  type BaseCrowdModel,
  type PresetName,
} from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'crowdlearn-neural-'));
beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function meanTestAccuracy(name: PresetName, make: (o: { numClasses: number; numWorkers: number; preset: PresetName }) => BaseCrowdModel, seeds: number) {
  const d = loadDataset(name);
  let sum = 0;
  for (let seed = 0; seed < seeds; seed++) {
    const model = make({ numClasses: d.labels.numClasses, numWorkers: d.labels.numWorkers, preset: name });
    await model.fit({ labels: d.labels, features: d.features! }, { seed });
    sum += modelAccuracy(model, d.test!.features!, d.test!.gold);
    model.dispose();
  }
  return sum / seeds;
}

describe('base models on the bundled datasets (the DASC and CrowdInG papers\' claim)', () => {
  for (const name of ['music', 'labelme'] as const) {
    it(`Crowdlayer MW beats MV-DL on ${name} (mean test accuracy over 3 seeds)`, async () => {
      const before = tf.memory().numTensors;
      const mw = await meanTestAccuracy(name, (o) => new Crowdlayer({ ...o, variant: 'MW' }), 3);
      const mv = await meanTestAccuracy(name, (o) => new AggregateThenTrain({ ...o, aggregator: 'mv' }), 3);
      expect(mw).toBeGreaterThan(mv);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('model behaviour', () => {
  const sim = simulateCrowd({ numItems: 400, numWorkers: 8, numClasses: 3, workerMix: { confusion: 1 }, participation: [0.5, 0.8], separation: 4 }, 5);
  const data = { labels: sim.labels, features: sim.features! };
  const small = { numClasses: 3, numWorkers: 8, training: { epochs: 40 } };

  it('every model gives distributions for items and for any (item, worker) cell, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    for (const model of [
      new Crowdlayer({ ...small, variant: 'MW' }),
      new Crowdlayer({ ...small, variant: 'VW' }),
      new Crowdlayer({ ...small, variant: 'VB' }),
      new AnnoReg(small),
      new DoctorNet({ ...small, weighting: 'learned' }),
      new DoctorNet({ ...small, weighting: 'uniform' }),
      new AggregateThenTrain({ ...small, aggregator: 'ds' }),
    ]) {
      await model.fit(data, { seed: 1 });
      const p = model.predictProba(sim.features!);
      const w = model.workerProba(sim.features!, [0, 1, 399], [7, 0, 3]);
      expect(w).toHaveLength(9);
      for (let i = 0; i < 400; i += 57) expect(p[i * 3]! + p[i * 3 + 1]! + p[i * 3 + 2]!, model.kind).toBeCloseTo(1, 5);
      for (let j = 0; j < 3; j++) expect(w[j * 3]! + w[j * 3 + 1]! + w[j * 3 + 2]!, model.kind).toBeCloseTo(1, 5);
      expect(modelAccuracy(model, sim.features!, sim.gold), model.kind).toBeGreaterThan(0.8);
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a warm start trains for the preset\'s warmStartEpochs and keeps the weights; a first fit asked to warm-start trains from scratch for epochs', async () => {
    const warmSettings = { epochs: 6, warmStartEpochs: 2, batchSize: 100 };
    const cl = new Crowdlayer({ ...small, variant: 'MW', training: warmSettings });
    const first = await cl.fit(data, { seed: 1, warmStart: true });
    expect(first.phases['crowdlayer-mw']?.epochs).toBe(6);
    const warm = await cl.fit(data, { seed: 2, warmStart: true });
    expect(warm.phases['crowdlayer-mw']?.epochs).toBe(2);
    // it continues: its first epoch's loss is near where the first fit ended, well under a fresh start's
    const firstLoss = first.phases['crowdlayer-mw']!.loss;
    expect(warm.phases['crowdlayer-mw']!.loss[0]).toBeLessThan((firstLoss[0]! + firstLoss[5]!) / 2);
    const cold = await cl.fit(data, { seed: 2 });
    expect(cold.phases['crowdlayer-mw']?.epochs).toBe(6);
    cl.dispose();
    // the LabelMe preset: WDN's phase 1 runs 50 epochs from scratch and the spec's 25 per round; phase 2 50 either way
    const wdn = new DoctorNet({ numClasses: 3, numWorkers: 8, preset: 'labelme', weighting: 'learned' });
    const epochsOf = (r: { phases: Record<string, { epochs: number }> }) => [r.phases['wdn-heads']?.epochs, r.phases['wdn-weights']?.epochs];
    expect(epochsOf(await wdn.fit(data, { seed: 1 }))).toEqual([50, 50]);
    expect(epochsOf(await wdn.fit(data, { seed: 1, warmStart: true }))).toEqual([25, 50]);
    wdn.dispose();
  });

  it('validation keeps the best epoch\'s weights and stops after `patience` epochs without a better accuracy', async () => {
    const sim = simulateCrowd({ numItems: 300, numClasses: 3, numWorkers: 8, featureDim: 6, labelsPerItem: 3 }, 7);
    const split = (from: number, n: number) => Int32Array.from({ length: n }, (_, i) => from + i);
    const valid = { features: sim.features!.selectRows(split(200, 100)), gold: sim.gold.subset(split(200, 100)) };
    const train = { labels: subsetItems(sim.labels, split(0, 200)), features: sim.features!.selectRows(split(0, 200)) };
    const before = tf.memory().numTensors;
    const cl = new Crowdlayer({ numClasses: 3, numWorkers: 8, variant: 'MW', training: { epochs: 12, batchSize: 50 } });
    const h = (await cl.fit(train, { seed: 3, validation: valid })).phases['crowdlayer-mw']!;
    expect(h.validation).toHaveLength(12);
    const best = Math.max(...h.validation);
    expect(h.bestEpoch).toBe(h.validation.indexOf(best) + 1);
    // the weights in place are the best epoch's
    expect(modelAccuracy(cl, valid.features, valid.gold)).toBe(best);
    const stopped = (await cl.fit(train, { seed: 3, validation: { ...valid, patience: 0 } })).phases['crowdlayer-mw']!;
    // the same run up to the first epoch that does not improve, then a stop
    const firstMiss = h.validation.findIndex((v, e) => e > 0 && v <= Math.max(...h.validation.slice(0, e)));
    expect(stopped.epochs).toBe(firstMiss === -1 ? 12 : firstMiss + 1);
    expect(stopped.validation).toEqual(h.validation.slice(0, stopped.epochs));
    cl.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('WDN learns to weight the workers; Doctor Net averages them uniformly', async () => {
    const wdn = new DoctorNet({ ...small, weighting: 'learned' });
    await wdn.fit(data, { seed: 2 });
    const w = wdn.workerWeights();
    expect(Array.from(w).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(Math.max(...w) - Math.min(...w)).toBeGreaterThan(1e-3);
    wdn.dispose();
    const dn = new DoctorNet({ ...small, weighting: 'uniform' });
    await dn.fit(data, { seed: 2 });
    expect(Array.from(dn.workerWeights())).toEqual(new Array(8).fill(Math.fround(1 / 8)));
    dn.dispose();
  });

  // Measured when written (mean absolute error of the confusion entries, 2 seeds): on noisy workers (quality
  // U(0.3, 0.6)) Anno-Reg with λ = 0.1 gives 0.095 against Crowdlayer's 0.114; with λ = 0.01 both give 0.113;
  // on good workers (U(0.5, 0.9)) λ = 0.5 hurts (0.127 against 0.056). The regulariser is for noisy crowds.
  it("on noisy workers, Anno-Reg's confusion matrices are closer to the truth than Crowdlayer's (the point of its regulariser)", async () => {
    const K = 3;
    const R = 8;
    const noisy = simulateCrowd({ numItems: 500, numWorkers: 8, numClasses: 3, workerMix: { confusion: 1 }, participation: [0.5, 0.8], separation: 4, quality: [0.3, 0.6] }, 1);
    const noisyData = { labels: noisy.labels, features: noisy.features! };
    const options = { numClasses: 3, numWorkers: 8, training: { epochs: 60 } };
    const cl = new Crowdlayer({ ...options, variant: 'MW' });
    const ar = new AnnoReg({ ...options, traceWeight: 0.1 });
    await cl.fit(noisyData, { seed: 1 });
    await ar.fit(noisyData, { seed: 1 });
    // Crowdlayer's implied confusion: row k is the worker's annotation distribution when f(x) = e_k.
    const clConfusion = tf.tidy(() => tf.softmax(cl.workerParameters as tf.Tensor3D).dataSync());
    const arConfusion = ar.confusionMatrices();
    let clError = 0;
    let arError = 0;
    for (let j = 0; j < R * K * K; j++) {
      clError += Math.abs(clConfusion[j]! - noisy.confusion[j]!) / (R * K * K);
      arError += Math.abs(arConfusion[j]! - noisy.confusion[j]!) / (R * K * K);
    }
    expect(arError).toBeLessThan(clError);
    cl.dispose();
    ar.dispose();
  });

  it('saves and loads a model (TF.js weights) with the same predictions', async () => {
    const model = new Crowdlayer({ ...small, variant: 'MW', preset: 'music' });
    await model.fit(data, { seed: 4 });
    const path = join(dir, 'cl');
    await saveModel(model, path);
    expect(readdirSync(path).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await loadModel(path);
    expect(loaded.kind).toBe('crowdlayer-mw');
    expect(Array.from(loaded.predictProba(sim.features!))).toEqual(Array.from(model.predictProba(sim.features!)));
    expect(Array.from(loaded.workerProba(sim.features!, [3], [2]))).toEqual(Array.from(model.workerProba(sim.features!, [3], [2])));
    model.dispose();
    loaded.dispose();
    await expect(loadModel(join(dir, 'missing'))).rejects.toMatchObject({ code: 'IO_ERROR' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never saves over what is not a model saved before, and replaces a saved model only when asked', async () => {
    const model = new Crowdlayer({ ...small, variant: 'MW', training: { epochs: 2 } });
    await model.fit(data, { seed: 1 });
    const target = join(dir, 'replace-me');
    await saveModel(model, target);
    // a second save over the model needs replace, and then swaps it in
    await expect(saveModel(model, target)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(`${target}: will not save a model over this path`) });
    await saveModel(model, target, { replace: true });
    expect(readdirSync(target).sort()).toEqual(['model.json', 'weights.bin']);
    // a project folder with the user's files, and a plain file: refused even with replace, and left as they were
    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'notes.txt'), 'mine');
    writeFileSync(join(project, 'model.json'), '{"format":"crowdlearn-model"}');
    await expect(saveModel(model, project, { replace: true })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(readFileSync(join(project, 'notes.txt'), 'utf8')).toBe('mine');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'mine');
    await expect(saveModel(model, file, { replace: true })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(readFileSync(file, 'utf8')).toBe('mine');
    // a folder whose model.json is not a crowdlearn model is not a model either
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'model.json'), '{"format":"keras"}');
    await expect(assertModelTarget(other, { replace: true })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    model.dispose();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.old'))).toEqual([]);
  });
});
