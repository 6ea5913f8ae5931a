import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CrowdLabels, Rng } from '@crowdlearn/core-matrix';
import { BatchNorm, Dense, initBackend, ParamStore } from '@crowdlearn/neural';
import { Discriminator, Generator } from '../src/index.js';
import { crmLoss } from '../src/crm-loss.js';
import { labelCoOccurrence, lcaAdjacency } from '../src/co-occurrence.js';
import { selectGenerated } from '../src/selection.js';
import { CellLinear } from '../src/networks/cell-linear.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** Three items, four annotators, three classes. */
function toy(): CrowdLabels {
  return CrowdLabels.fromArrays({
    item: Int32Array.from([0, 0, 0, 1, 1, 2]),
    worker: Int32Array.from([0, 1, 2, 0, 3, 1]),
    label: Int32Array.from([0, 0, 1, 2, 1, 2]),
  });
}

describe('label co-occurrence and LCA (specs/crowding.md §2, §5)', () => {
  it('counts pairs of different labels per item, or items', () => {
    // item 0: labels 0, 0, 1 → pairs (0,1) twice; item 1: labels 2, 1 → (1,2) once; item 2: a single label
    expect(Array.from(labelCoOccurrence(toy(), 'pairs'))).toEqual([0, 2, 0, 2, 0, 1, 0, 1, 0]);
    expect(Array.from(labelCoOccurrence(toy(), 'items'))).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0]);
  });

  it("'paper' is symmetric, 'code' row-stochastic, 'off' the identity; hand values on two classes", () => {
    const A = labelCoOccurrence(toy(), 'pairs');
    const paper = lcaAdjacency(A, 3, 'paper');
    const code = lcaAdjacency(A, 3, 'code');
    for (let c = 0; c < 3; c++) {
      for (let d = 0; d < 3; d++) expect(paper[c * 3 + d]).toBeCloseTo(paper[d * 3 + c]!, 6);
      expect(code[c * 3]! + code[c * 3 + 1]! + code[c * 3 + 2]!).toBeCloseTo(1, 6);
    }
    expect(Array.from(lcaAdjacency(A, 3, 'off'))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    // two classes, A = [[0, 4], [4, 0]]: F = [[0, 1], [1, 0]], Â = [[1, 1], [1, 1]], degrees 2
    expect(Array.from(lcaAdjacency([0, 4, 4, 0], 2, 'paper'))).toEqual([0.5, 0.5, 0.5, 0.5]);
    // a class that never co-occurs keeps only its self-loop
    expect(Array.from(lcaAdjacency([0, 0, 0, 0], 2, 'code'))).toEqual([1, 0, 0, 1]);
  });
});

describe('entropy-based selection (§3.1)', () => {
  it('gives each annotator min(its real annotations, its candidates), none without real ones', () => {
    const worker = Int32Array.from([0, 0, 0, 1, 1, 2, 2, 2, 2]);
    const entropy = Float32Array.from([0.1, 0.5, 0.9, 0.2, 0.3, 0.1, 0.1, 0.1, 0.1]);
    for (const mode of ['entropy', 'random'] as const) {
      const chosen = selectGenerated({ worker, entropy }, [2, 5, 0], mode, new Rng(3));
      const per = [0, 0, 0];
      for (const j of chosen) per[worker[j]!]!++;
      expect(per).toEqual([2, 2, 0]);
      expect(new Set(chosen).size).toBe(chosen.length);
    }
  });

  it('prefers confident generations: the selection frequency falls with entropy; random selection is flat', () => {
    const entropy = Float32Array.from([0.05, 0.2, 0.6, 1.2]);
    const worker = new Int32Array(4);
    const rng = new Rng(7);
    const counts = { entropy: [0, 0, 0, 0], random: [0, 0, 0, 0] };
    for (let t = 0; t < 4000; t++) {
      for (const mode of ['entropy', 'random'] as const) for (const j of selectGenerated({ worker, entropy }, [1], mode, rng)) counts[mode][j]!++;
    }
    for (let j = 1; j < 4; j++) expect(counts.entropy[j]!).toBeLessThan(counts.entropy[j - 1]!);
    // one draw in proportion to 1/H: P(first) = 20 / (20 + 5 + 1.67 + 0.83) ≈ 0.727
    expect(counts.entropy[0]! / 4000).toBeCloseTo(20 / (20 + 5 + 1 / 0.6 + 1 / 1.2), 1);
    for (const c of counts.random) expect(Math.abs(c / 4000 - 0.25)).toBeLessThan(0.03);
  });
});

describe('counterfactual risk minimisation (§3.2)', () => {
  it('matches a hand computation on a tiny batch, with clipping and a fixed baseline', () => {
    const p = tf.tensor1d([0.5, 0.2, 0.9]);
    const g0 = tf.tensor1d([0.25, 0.4, 0.05]);
    const delta = tf.tensor1d([1, 3, 2]);
    // ratios 2, 0.5, 18; μ = 2; (δ - μ) = -1, 1, 0
    const plain = crmLoss(p, g0, delta, { ipsClip: Infinity, baseline: 'batchMean' });
    expect(plain.dataSync()[0]).toBeCloseTo((-2 + 0.5 + 0) / 3, 6);
    // κ = 10 clips 18; μ = 0.5: (0.5·2 + 2.5·0.5 + 1.5·10) / 3
    const clipped = crmLoss(p, g0, delta, { ipsClip: 10, baseline: 0.5 });
    expect(clipped.dataSync()[0]).toBeCloseTo((1 + 1.25 + 15) / 3, 5);
    tf.dispose([p, g0, delta, plain, clipped]);
  });

  it('with G_θ = G₀ and κ = ∞ its gradient is 1/|S| Σ (δ - μ) ∇ log G_θ(ỹ), checked by finite differences', () => {
    // a softmax policy over 3 labels with logits θ; three logged samples
    const theta = [0.3, -0.2, 0.5];
    const sampled = [0, 2, 2];
    const cost = [1.5, -0.5, 2];
    const probs = (t: number[]) => {
      const e = t.map(Math.exp);
      const z = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / z);
    };
    const logged = sampled.map((y) => probs(theta)[y]!);
    const loss = (t: tf.Tensor) =>
      crmLoss(tf.gather(tf.softmax(t as tf.Tensor1D), tf.tensor1d(sampled, 'int32')) as tf.Tensor1D, tf.tensor1d(logged), tf.tensor1d(cost), { ipsClip: Infinity, baseline: 'batchMean' });
    const grad = tf.tidy(() => Array.from(tf.grad(loss)(tf.tensor1d(theta)).dataSync()));
    const mu = cost.reduce((a, b) => a + b, 0) / 3;
    const p = probs(theta);
    // ∇θ log softmax(θ)_y = e_y - p
    const expected = [0, 1, 2].map((k) => sampled.reduce((s, y, j) => s + (cost[j]! - mu) * ((k === y ? 1 : 0) - p[k]!), 0) / 3);
    const value = (t: number[]) => tf.tidy(() => loss(tf.tensor1d(t)).dataSync()[0]!);
    const h = 1e-2;
    const numeric = [0, 1, 2].map((k) => (value(theta.map((v, j) => (j === k ? v + h : v))) - value(theta.map((v, j) => (j === k ? v - h : v)))) / (2 * h));
    grad.forEach((g, k) => {
      expect(g).toBeCloseTo(expected[k]!, 5);
      expect(g).toBeCloseTo(numeric[k]!, 3);
    });
  });
});

describe('the networks (§2, §5)', () => {
  it('CellLinear equals batch norm over the gathered concatenation followed by a linear layer, in values and gradients', () => {
    const before = tf.memory().numTensors;
    const rng = new Rng(1);
    const store = new ParamStore();
    const layer = new CellLinear(store, 'l', [{ dim: 3, normalize: true }, { dim: 2, normalize: true }, { dim: 2, normalize: false }], 4, rng);
    const table = tf.tensor2d(Float32Array.from({ length: 15 }, (_, i) => Math.sin(i * 1.7) * 2 + 0.5), [5, 3]);
    const tableIndex = tf.tensor1d([4, 0, 0, 2, 4, 4, 1], 'int32');
    const perCell = tf.tensor2d(Float32Array.from({ length: 14 }, (_, i) => Math.cos(i)), [7, 2]);
    const other = tf.tensor2d(Float32Array.from({ length: 6 }, (_, i) => i - 2.5), [3, 2]);
    const otherIndex = tf.tensor1d([0, 1, 2, 2, 1, 0, 0], 'int32');
    const blocks = [{ values: table, index: tableIndex }, { values: perCell }, { values: other, index: otherIndex }];
    const kernels = store.all().filter((p) => p.name.includes('kernel')).map((p) => p.variable);
    const bias = store.get('l/bias');
    // the direct computation: gather, concatenate, normalise the first 5 columns, multiply
    const direct = () => {
      const x = tf.concat([tf.gather(table, tableIndex), perCell, tf.gather(other, otherIndex)], 1) as tf.Tensor2D;
      const [norm, rest] = tf.split(x, [5, 2], 1) as [tf.Tensor2D, tf.Tensor2D];
      const { mean, variance } = tf.moments(norm, 0);
      const normalised = tf.concat([tf.div(tf.sub(norm, mean), tf.sqrt(tf.add(variance, 1e-5))), rest], 1) as tf.Tensor2D;
      return tf.add(tf.matMul(normalised, tf.concat(kernels, 1) as tf.Tensor2D, false, true), bias) as tf.Tensor2D;
    };
    const weights = tf.tensor2d(Float32Array.from({ length: 28 }, (_, i) => Math.sin(i)), [7, 4]);
    const run = (f: () => tf.Tensor2D) =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(f(), weights)) as tf.Scalar, [...kernels, bias]);
        return [Array.from(value.dataSync()), ...Object.values(grads).map((g) => Array.from(g.dataSync()))];
      });
    const factored = run(() => layer.apply(blocks, true));
    const reference = run(direct);
    factored.forEach((values, j) => values.forEach((v, i) => expect(v, `part ${j}`).toBeCloseTo(reference[j]![i]!, 4)));
    // the moving statistics moved towards the cells' statistics
    expect(store.get('l/moving_mean0').dataSync()[0]).not.toBe(0);
    tf.dispose([table, tableIndex, perCell, other, otherIndex, weights]);
    store.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the generator and Q give distributions, D is in (0, 1); the variants drop exactly their inputs', () => {
    const before = tf.memory().numTensors;
    const K = 3;
    const R = 4;
    const config = { inputDim: 5, annotatorDim: R, numClasses: K };
    tf.tidy(() => {
      const x = tf.randomNormal([6, 5], 0, 0.3, 'float32', 1) as tf.Tensor2D;
      const annotators = tf.eye(R) as tf.Tensor2D;
      const cells = { item: tf.tensor1d([0, 1, 2, 3, 4, 5, 5, 0], 'int32'), worker: tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32') };
      const noise = tf.randomNormal([8, K], 0, 1, 'float32', 2) as tf.Tensor2D;
      const z = tf.softmax(tf.randomNormal([6, K], 0, 1, 'float32', 3)) as tf.Tensor2D;
      const g = new Generator({ ...config, inputs: { instance: true, annotator: true } }, new Rng(1));
      for (const training of [true, false]) {
        const p = g.probs(x, annotators, cells, noise, z, training).arraySync();
        for (const row of p) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      }
      const names = (gen: Generator) => gen.store.all().map((p) => p.name);
      const noInstance = new Generator({ ...config, inputs: { instance: false, annotator: true } }, new Rng(1));
      const noAnnotator = new Generator({ ...config, inputs: { instance: true, annotator: false } }, new Rng(1));
      expect(names(g).some((n) => n.startsWith('generator/psi'))).toBe(true);
      expect(names(noInstance).some((n) => n.startsWith('generator/psi'))).toBe(false);
      expect(names(noInstance).some((n) => n.startsWith('generator/annotator'))).toBe(true);
      expect(names(noAnnotator).some((n) => n.startsWith('generator/annotator'))).toBe(false);
      expect(names(noAnnotator).some((n) => n.startsWith('generator/psi'))).toBe(true);
      expect(() => new Generator({ ...config, inputs: { instance: false, annotator: false } }, new Rng(1))).toThrow(/instance or annotator/);
      for (const lca of ['paper', 'code', 'off'] as const) {
        const d = new Discriminator({ ...config, lca, adjacency: lcaAdjacency([0, 1, 1, 1, 0, 2, 1, 2, 0], K, lca), withInfo: true }, new Rng(2));
        const e = d.encode(x, annotators, true);
        // D = σ(logit), in (0, 1) for every finite logit (float32 rounds σ of a large logit to 1, so test in doubles)
        const logits = d.gridLogits(e).dataSync();
        expect(logits.length).toBe(6 * R * K);
        for (const l of logits) {
          const D = 1 / (1 + Math.exp(-l));
          expect(D > 0 && D < 1).toBe(true);
        }
        const q = tf.exp(d.infoLogProbs(e, cells, tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), true)).arraySync();
        for (const row of q) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        expect(d.store.all().some((p) => p.name === 'discriminator/lca-weight')).toBe(lca === 'paper');
        d.dispose();
      }
      const crowdg = new Discriminator({ ...config, lca: 'off', adjacency: lcaAdjacency([], K, 'off'), withInfo: false }, new Rng(2));
      expect(crowdg.store.all().some((p) => p.name.startsWith('info/'))).toBe(false);
      expect(() => crowdg.infoLogProbs(crowdg.encode(x, annotators, false), cells, tf.tensor1d([0, 0, 0, 0, 0, 0, 0, 0], 'int32'), false)).toThrow(/no auxiliary network/);
      for (const d of [g, noInstance, noAnnotator]) d.dispose();
      crowdg.dispose();
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("the grid logits are u_rᵀ M̂_c v_n for every cell (n, r) at row n·R + r", () => {
    tf.tidy(() => {
      const K = 2;
      const d = new Discriminator({ inputDim: 3, annotatorDim: 2, numClasses: K, lca: 'off', adjacency: lcaAdjacency([], K, 'off'), withInfo: false }, new Rng(4));
      const e = d.encode(tf.tensor2d([[1, 0, 2], [0.5, -1, 0]]), tf.eye(2) as tf.Tensor2D, false);
      const grid = d.gridLogits(e).arraySync();
      const u = e.u.arraySync();
      const v = e.v.arraySync();
      const M = e.mixed.arraySync();
      for (let n = 0; n < 2; n++) {
        for (let r = 0; r < 2; r++) {
          for (let c = 0; c < K; c++) {
            let s = 0;
            for (let i = 0; i < 60; i++) for (let j = 0; j < 60; j++) s += u[r]![i]! * M[c]![i]![j]! * v[n]![j]!;
            expect(grid[n * 2 + r]![c]!).toBeCloseTo(s, 2);
          }
        }
      }
      d.dispose();
    });
  });
});

describe('neural building blocks used here', () => {
  it('a batch norm without scale and shift has no trainable variables and normalises', () => {
    const store = new ParamStore();
    const bn = new BatchNorm(store, 'bn', 2, { affine: false });
    expect(store.trainable()).toEqual([]);
    const y = tf.tidy(() => bn.apply(tf.tensor2d([[1, 10], [3, 30]]), true).arraySync());
    expect(y[0]![0]!).toBeCloseTo(-1 / Math.sqrt(1 + 1e-3), 5);
    expect(y[1]![1]!).toBeCloseTo(10 / Math.sqrt(100 + 1e-3), 5);
    const dense = new Dense(store, 'd', 2, 1, 'glorotUniform', new Rng(1));
    expect(dense.kernel.shape).toEqual([1, 2]);
    store.dispose();
  });
});
