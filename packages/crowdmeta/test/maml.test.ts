import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Features, Rng } from '@crowdlearn/core-matrix';
import { initBackend } from '@crowdlearn/neural';
import { adapt, classDisjointTask, episodeLoss, episodeShape, MetaNet, metaGradient, metaRepresentation, rowsByClass, sampleEpisode } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('MAML (spec §2)', () => {
  it('one inner step on a linear-softmax model equals the hand-computed update W − α Xᵀ(softmax(XW + b) − Y) / n', () => {
    const net = new MetaNet(3, [], 2, new Rng(1));
    const x = [
      [1, 0, 2],
      [0, 1, -1],
    ];
    const labels = Int32Array.from([1, 0]);
    const alpha = 0.1;
    const W = net.params[0]!.arraySync() as number[][];
    const b = net.params[1]!.arraySync() as number[];
    const [W2, b2] = tf.tidy(() => adapt(net, net.params, tf.tensor2d(x), labels, 2, 1, alpha).map((t) => t.arraySync())) as [number[][], number[]];
    // by hand
    const gW = W.map((row) => row.map(() => 0));
    const gb = b.map(() => 0);
    x.forEach((xi, n) => {
      const z = [0, 1].map((k) => b[k]! + xi.reduce((s, v, j) => s + v * W[j]![k]!, 0));
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const p = e.map((v) => v / (e[0]! + e[1]!));
      [0, 1].forEach((k) => {
        const r = (p[k]! - (labels[n] === k ? 1 : 0)) / x.length;
        gb[k]! += r;
        xi.forEach((v, j) => (gW[j]![k]! += v * r));
      });
    });
    W2.forEach((row, j) => row.forEach((v, k) => expect(v).toBeCloseTo(W[j]![k]! - alpha * gW[j]![k]!, 5)));
    b2.forEach((v, k) => expect(v).toBeCloseTo(b[k]! - alpha * gb[k]!, 5));
    net.dispose();
  });

  it("the episode loss stays finite when one row's logits are far below another's (a shift per row)", () => {
    tf.tidy(() => {
      const logits = tf.tensor2d([
        [200, 199, 0],
        [-300, -301, -299],
      ]);
      const loss = episodeLoss(logits, Int32Array.from([0, 2]), 3).dataSync()[0]!;
      const lse = (z: number[]) => Math.max(...z) + Math.log(z.reduce((s, v) => s + Math.exp(v - Math.max(...z)), 0));
      expect(loss).toBeCloseTo((lse([200, 199, 0]) - 200 + lse([-300, -301, -299]) + 299) / 2, 4);
    });
  });

  it('first- and second-order meta-gradients agree in sign on a tiny problem, and leak no tensor', () => {
    const net = new MetaNet(2, [], 2, new Rng(4));
    const before = tf.memory().numTensors;
    const task = {
      support: tf.tensor2d([
        [1, 0.5],
        [-1, 0.2],
      ]),
      supportLabels: Int32Array.from([0, 1]),
      query: tf.tensor2d([
        [0.8, 0.3],
        [-0.9, -0.1],
      ]),
      queryLabels: Int32Array.from([0, 1]),
    };
    const first = metaGradient(net, task, 2, 1, 0.01, false);
    const second = metaGradient(net, task, 2, 1, 0.01, true);
    first.grads.forEach((g, j) => {
      const a = g.dataSync();
      const b = second.grads[j]!.dataSync();
      a.forEach((v, i) => {
        if (Math.abs(v) > 1e-6) expect(Math.sign(v), `param ${j}[${i}]`).toBe(Math.sign(b[i]!));
      });
    });
    expect(first.loss.dataSync()[0]).toBeCloseTo(second.loss.dataSync()[0]!, 6);
    // the second-order gradient goes through the inner step: it is not the first-order one
    const gap = Math.max(...first.grads.map((g, j) => Math.max(...Array.from(g.dataSync(), (v, i) => Math.abs(v - second.grads[j]!.dataSync()[i]!)))));
    expect(gap).toBeGreaterThan(1e-7);
    [...first.grads, ...second.grads, first.loss, second.loss, task.support, task.query].forEach((t) => t.dispose());
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('episodes draw nWay classes with kSpt + kQry rows each, labels remapped to 0..nWay-1', () => {
    const classes = Int32Array.from({ length: 60 }, (_, r) => 10 + (r % 6)); // 6 classes x 10 rows
    const byClass = rowsByClass(classes);
    const warnings: string[] = [];
    const shape = episodeShape(byClass, 5, warnings);
    expect(shape).toEqual({ nWay: 5, kSpt: 2, kQry: 3 });
    const ep = sampleEpisode(byClass, shape, new Rng(2));
    expect(ep.support.length).toBe(10);
    expect(ep.query.length).toBe(15);
    for (let label = 0; label < 5; label++) {
      expect(ep.supportLabels.filter((l) => l === label).length).toBe(2);
      expect(ep.queryLabels.filter((l) => l === label).length).toBe(3);
    }
    // every row carries its class's episode label, and no row appears twice
    [...ep.support, ...ep.query].forEach((row, j) => expect(classes[row]).toBe(ep.classes[j < 10 ? ep.supportLabels[j]! : ep.queryLabels[j - 10]!]));
    expect(new Set([...ep.support, ...ep.query]).size).toBe(25);
    // 5 per class allows 2 + 3; 20 per class the code's 5 + 15; 3 per class shrinks with a warning; 3 classes cap nWay
    expect(episodeShape(rowsByClass(Int32Array.from({ length: 60 }, (_, r) => r % 3)), 5, [])).toEqual({ nWay: 3, kSpt: 5, kQry: 15 });
    expect(episodeShape(rowsByClass(Int32Array.from({ length: 9 }, (_, r) => r % 3)), 5, warnings)).toEqual({ nWay: 3, kSpt: 2, kQry: 1 });
    expect(warnings).toHaveLength(1);
  });

  it("meta-training lowers the query loss of fresh episodes (each iteration's episodes are drawn new and scored before the update)", async () => {
    const rng = new Rng(11);
    // 10 classes x 20 rows in 8-d: class means on a circle, noise 0.5
    const classes = Int32Array.from({ length: 200 }, (_, r) => r % 10);
    const data = Float32Array.from({ length: 200 * 8 }, (_, j) => {
      const k = classes[Math.floor(j / 8)]!;
      const c = j % 8;
      return Math.cos((2 * Math.PI * k) / 10 + c) * 2 + 0.5 * rng.normal();
    });
    const task = classDisjointTask({ features: new Features(data, 200, 8), classes }, { targetClasses: [0, 1, 2, 3, 4], itemsPerClass: 10, supportPerClass: 5, sourcePerClass: 'all', seed: 2 });
    // α = 0.5: with the spec's 0.01 five inner steps barely move this small MLP, and the query loss stays near log 5
    const r = await metaRepresentation(task, { metaIters: 300, hidden: [32], innerLr: 0.5, seed: 1 });
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(r.episode).toEqual({ nWay: 5, kSpt: 5, kQry: 15 });
    expect(mean(r.metaLoss.slice(-50))).toBeLessThan(0.8 * mean(r.metaLoss.slice(0, 50)));
  });

  it('the representation stage is deterministic per seed, leaks no tensor, and warns about a class without support', async () => {
    const rng = new Rng(9);
    // 8 classes x 12 rows in 6-d, classes separated along the coordinates
    const classes = Int32Array.from({ length: 96 }, (_, r) => r % 8);
    const data = Float32Array.from({ length: 96 * 6 }, (_, j) => ((classes[Math.floor(j / 6)]! + (j % 6)) % 3) + 0.3 * rng.normal());
    const task = classDisjointTask({ features: new Features(data, 96, 6), classes }, { targetClasses: [0, 1, 2, 3], itemsPerClass: 6, supportPerClass: 2, seed: 1 });
    expect(task.target.numRows).toBe(24);
    expect(task.support.features.numRows).toBe(8);
    expect(task.source.features.numRows).toBe(4 * 5);
    expect(task.sourceClasses).toEqual([4, 5, 6, 7]);
    const before = tf.memory().numTensors;
    const options = { metaIters: 5, hidden: [8], seed: 3 };
    const a = await metaRepresentation(task, options);
    expect(tf.memory().numTensors).toBe(before);
    expect(a.dim).toBe(4);
    expect(a.keptHead).toBe(true);
    expect(a.V.length).toBe(24 * 4);
    expect(Array.from((await metaRepresentation(task, options)).V)).toEqual(Array.from(a.V));
    const partial = { ...task, support: { features: task.support.features.selectRows(Int32Array.from([0, 1, 2, 3, 4, 5])), classes: task.support.classes.slice(0, 6) } };
    const warned = await metaRepresentation(partial, { ...options, ftHead: 'reinit', repr: 'penultimate' });
    expect(warned.keptHead).toBe(false);
    expect(warned.dim).toBe(8);
    expect(warned.warnings.some((w) => /no fine-tuning instance/.test(w))).toBe(true);
  });
});
