import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { entropy, Features, Origin, Rng } from '@crowdlearn/core-matrix';
import { simulateCrowd } from '@crowdlearn/datasets';
import { initBackend } from '@crowdlearn/neural';
import { CROWDING_DEFAULTS, CrowdInGTrainer, dlCl, resolveSettings, trainCrowdInG, type CrowdInGSettings } from '../src/index.js';
import { labelCoOccurrence, lcaAdjacency } from '../src/co-occurrence.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const small = () => simulateCrowd({ numItems: 120, numClasses: 3, numWorkers: 6, featureDim: 5, participation: [0.2, 0.5] }, 11);

async function trainer(settings: Partial<CrowdInGSettings> = {}) {
  const sim = small();
  const features = sim.features as Features;
  const classifier = dlCl(sim.labels, { training: { epochs: 2 } });
  await classifier.fit({ labels: sim.labels, features }, { seed: 1 });
  // t at the median class entropy, so that both steps have instances
  const K = 3;
  const p = classifier.predictProba(features);
  const entropies = Array.from({ length: 120 }, (_, i) => entropy(p, i * K, K)).sort((a, b) => a - b);
  const s = resolveSettings({ entropyThreshold: entropies[60]!, ...settings });
  const data = { labels: sim.labels, x: classifier.transform(features).data, inputDim: features.numCols, annotators: tf.eye(6) as tf.Tensor2D };
  const t = new CrowdInGTrainer(classifier, data, s, lcaAdjacency(labelCoOccurrence(sim.labels), 3, s.lca), new Rng(2));
  return {
    t,
    sim,
    dispose: () => {
      t.dispose();
      classifier.dispose();
      data.annotators.dispose();
    },
  };
}

/** Values of every variable of the classifier, G, G₀ and D/Q, by module. */
function snapshot(t: CrowdInGTrainer): Record<string, number[][]> {
  const read = (vars: tf.Variable[]) => vars.map((v) => Array.from(v.dataSync()));
  return {
    classifier: read(t.classifier.parameters().all().filter((p) => p.name.startsWith('classifier/')).map((p) => p.variable)),
    crowdlayer: read(t.classifier.parameters().all().filter((p) => !p.name.startsWith('classifier/')).map((p) => p.variable)),
    generator: read(t.generator.store.trainable()),
    logging: read(t.logging.store.all().map((p) => p.variable)),
    discriminator: read(t.discriminator.store.trainable()),
  };
}

function changed(a: Record<string, number[][]>, b: Record<string, number[][]>): string[] {
  return Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

describe('the two-step update (§3.3, §4)', () => {
  it('the D/Q step changes only D and Q, Step A only the generator, Step B only the classifier', async () => {
    const before = tf.memory().numTensors;
    const { t, dispose } = await trainer();
    const batch = t.batch(Int32Array.from({ length: 120 }, (_, i) => i), new Rng(3));
    expect(batch.fake.length).toBeGreaterThan(0);
    let s0 = snapshot(t);
    t.discriminatorStep(batch);
    let s1 = snapshot(t);
    expect(changed(s0, s1)).toEqual(['discriminator']);
    const costs = t.cellCosts(batch);
    const { stepA, stepB } = t.splitCells(batch);
    expect(stepA.length).toBeGreaterThan(0);
    expect(stepB.length).toBeGreaterThan(0);
    expect(stepA.length + stepB.length).toBe(120 * 6);
    s0 = snapshot(t);
    t.generatorStep(batch, stepA, costs);
    s1 = snapshot(t);
    expect(changed(s0, s1)).toEqual(['generator']);
    t.classifierStep(batch, stepB, costs);
    expect(changed(s1, snapshot(t))).toEqual(['classifier']);
    t.refreshLogging();
    expect(snapshot(t).logging!.slice(0, 3)).toEqual(snapshot(t).generator!.slice(0, 3));
    tf.dispose([batch.x, batch.noise]);
    dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a minibatch runs nD D/Q updates, then nG generator updates, then nG classifier updates; one-step runs joint updates', async () => {
    const items = Int32Array.from({ length: 120 }, (_, i) => i);
    const two = await trainer({ discriminatorSteps: 3, generatorSteps: 2 });
    const record = two.t.trainBatch(items, new Rng(4));
    expect(record.updates).toEqual(['discriminator', 'discriminator', 'discriminator', 'generator', 'generator', 'classifier', 'classifier']);
    expect(record.observed).toBe(two.sim.labels.numLabels);
    // every annotator gets as many fakes as it has real annotations, or all its empty cells
    const perWorker = new Array<number>(6).fill(0);
    for (let e = 0; e < two.sim.labels.numLabels; e++) perWorker[two.sim.labels.worker[e]!]!++;
    expect(record.selected).toBe(perWorker.reduce((s, n) => s + Math.min(n, 120 - n), 0));
    two.dispose();
    const one = await trainer({ twoStep: false, discriminatorSteps: 1, generatorSteps: 2 });
    const s0 = snapshot(one.t);
    expect(one.t.trainBatch(items, new Rng(4)).updates).toEqual(['discriminator', 'joint', 'joint']);
    expect(changed(s0, snapshot(one.t)).sort()).toEqual(['classifier', 'discriminator', 'generator']);
    one.dispose();
    // a threshold no instance reaches leaves Step A empty: it is skipped
    const none = await trainer({ entropyThreshold: -1, discriminatorSteps: 1, generatorSteps: 2 });
    expect(none.t.trainBatch(items, new Rng(4)).updates).toEqual(['discriminator', 'classifier', 'classifier']);
    none.dispose();
  });
});

describe('settings and variants (§6, §7)', () => {
  it('each variant changes exactly its setting', () => {
    const diff = (variant: Parameters<typeof resolveSettings>[0]['variant']) => {
      const s = resolveSettings({ variant });
      return (Object.keys(CROWDING_DEFAULTS) as (keyof CrowdInGSettings)[]).filter((k) => JSON.stringify(s[k]) !== JSON.stringify(CROWDING_DEFAULTS[k]));
    };
    expect(diff('crowding')).toEqual([]);
    expect(diff('crowdg')).toEqual(['informationWeight']);
    expect(diff('crowding-u')).toEqual(['generatorInputs']);
    expect(diff('crowding-i')).toEqual(['generatorInputs']);
    expect(diff('crowding-r')).toEqual(['selection']);
    expect(diff('one-step')).toEqual(['twoStep']);
    expect(resolveSettings({ variant: 'crowdg', epochs: 3 }).epochs).toBe(3);
    expect(() => resolveSettings({ variant: 'nope' as 'crowding' })).toThrow(/unknown CrowdInG variant/);
    expect(() => resolveSettings({ batchSize: 0 })).toThrow(/bad setting batchSize/);
    expect(() => resolveSettings({ epochs: 2.5 })).toThrow(/bad setting epochs/);
    expect(() => resolveSettings({ learningRate: -1 })).toThrow(/bad setting learningRate/);
    expect(() => resolveSettings({ variant: 'crowding-u', generatorInputs: { instance: false, annotator: false } })).toThrow(/bad setting generatorInputs/);
  });
});

describe('trainCrowdInG', () => {
  it('is deterministic, leaks no tensor, and its generator fills exactly the empty cells', async () => {
    const sim = small();
    const data = { labels: sim.labels, features: sim.features as Features };
    const options = { seed: 5, epochs: 2, generatorPretrainEpochs: 2, discriminatorPretrainEpochs: 1, batchSize: 64, crowdlayer: { training: { epochs: 3 } } };
    const before = tf.memory().numTensors;
    const a = await trainCrowdInG(data, options);
    const b = await trainCrowdInG(data, options);
    expect(a.history.map((h) => h.epoch)).toEqual([0, 1, 2]);
    expect(a.history[1]!.selected).toBeGreaterThan(0);
    expect(Array.from(a.model.predictProba(data.features))).toEqual(Array.from(b.model.predictProba(data.features)));
    const filled = a.model.augment(sim.labels, data.features, { seed: 1 });
    expect(filled.numLabels).toBe(120 * 6);
    expect(filled.numCompleted).toBe(120 * 6 - sim.labels.numLabels);
    for (let e = 0; e < sim.labels.numLabels; e++) {
      const f = filled.findLabel(sim.labels.item[e]!, sim.labels.worker[e]!);
      expect(filled.label[f]).toBe(sim.labels.label[e]);
      expect(filled.originOf(f)).toBe(Origin.Observed);
    }
    expect(Array.from(a.model.augment(sim.labels, data.features, { seed: 1, fill: 'sample' }).label)).toEqual(
      Array.from(b.model.augment(sim.labels, data.features, { seed: 1, fill: 'sample' }).label),
    );
    a.model.dispose();
    b.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the classifier of the best validation epoch, and rejects annotator features of the wrong shape', async () => {
    const sim = small();
    const features = sim.features as Features;
    const items = Int32Array.from({ length: 40 }, (_, i) => i);
    const valid = { features: features.selectRows(items), gold: sim.gold.subset(items) };
    const r = await trainCrowdInG({ labels: sim.labels, features, valid }, { seed: 1, epochs: 3, generatorPretrainEpochs: 1, discriminatorPretrainEpochs: 1, crowdlayer: { training: { epochs: 2 } } });
    const accuracies = r.history.map((h) => h.validAccuracy!);
    expect(r.bestEpoch).toBe(accuracies.indexOf(Math.max(...accuracies)));
    r.model.dispose();
    const before = tf.memory().numTensors;
    await expect(trainCrowdInG({ labels: sim.labels, features, annotatorFeatures: new Features(new Float32Array(10), 5, 2) }, { epochs: 1, crowdlayer: { training: { epochs: 1 } } })).rejects.toThrow(
      /one row of annotator features per annotator/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
