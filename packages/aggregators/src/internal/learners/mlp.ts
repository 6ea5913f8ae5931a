import type { Rng } from '@crowdlearn/core-matrix';
import type { Learner } from './learner.js';
import { portableExp } from '@crowdlearn/core-matrix';

/**
 * A one-hidden-layer perceptron (ReLU, softmax output) trained full-batch by
 * Adam on the mean cross-entropy with an L2 penalty; weights initialised
 * uniformly in ±sqrt(6 / fan_in) from the given generator.
 */
export class Mlp implements Learner {
  #w1: Float64Array = new Float64Array(0);
  #b1: Float64Array = new Float64Array(0);
  #w2: Float64Array = new Float64Array(0);
  #b2: Float64Array = new Float64Array(0);
  #d = 0;
  #K = 0;

  constructor(
    readonly hidden = 32,
    readonly epochs = 200,
    readonly learningRate = 1e-2,
    readonly l2 = 1e-4,
  ) {}

  fit(x: Float64Array, y: Int32Array, n: number, d: number, K: number, rng: Rng): void {
    const H = this.hidden;
    this.#d = d;
    this.#K = K;
    const init = (size: number, fanIn: number) => {
      const a = Math.sqrt(6 / Math.max(1, fanIn));
      return Float64Array.from({ length: size }, () => rng.uniform(-a, a));
    };
    const params = [init(d * H, d), new Float64Array(H), init(H * K, H), new Float64Array(K)];
    const grads = params.map((p) => new Float64Array(p.length));
    const m = params.map((p) => new Float64Array(p.length));
    const v = params.map((p) => new Float64Array(p.length));
    [this.#w1, this.#b1, this.#w2, this.#b2] = params as [Float64Array, Float64Array, Float64Array, Float64Array];
    const h = new Float64Array(n * H);
    const probs = new Float64Array(n * K);
    const dh = new Float64Array(H);
    for (let epoch = 1; epoch <= this.epochs; epoch++) {
      this.#forward(x, n, h, probs);
      for (const g of grads) g.fill(0);
      const [gw1, gb1, gw2, gb2] = grads as [Float64Array, Float64Array, Float64Array, Float64Array];
      for (let i = 0; i < n; i++) {
        dh.fill(0);
        for (let k = 0; k < K; k++) {
          const g = ((probs[i * K + k] as number) - (k === y[i] ? 1 : 0)) / n;
          gb2[k]! += g;
          for (let j = 0; j < H; j++) {
            gw2[j * K + k]! += g * (h[i * H + j] as number);
            dh[j]! += g * (this.#w2[j * K + k] as number);
          }
        }
        for (let j = 0; j < H; j++) {
          if ((h[i * H + j] as number) <= 0) continue;
          gb1[j]! += dh[j] as number;
          for (let c = 0; c < d; c++) gw1[c * H + j]! += (dh[j] as number) * (x[i * d + c] as number);
        }
      }
      for (let c = 0; c < gw1.length; c++) gw1[c]! += this.l2 * (this.#w1[c] as number);
      for (let c = 0; c < gw2.length; c++) gw2[c]! += this.l2 * (this.#w2[c] as number);
      // Adam
      const b1 = 0.9;
      const b2 = 0.999;
      const lr = (this.learningRate * Math.sqrt(1 - b2 ** epoch)) / (1 - b1 ** epoch);
      params.forEach((p, t) => {
        const g = grads[t] as Float64Array;
        const mt = m[t] as Float64Array;
        const vt = v[t] as Float64Array;
        for (let c = 0; c < p.length; c++) {
          mt[c] = b1 * (mt[c] as number) + (1 - b1) * (g[c] as number);
          vt[c] = b2 * (vt[c] as number) + (1 - b2) * (g[c] as number) ** 2;
          p[c]! -= (lr * (mt[c] as number)) / (Math.sqrt(vt[c] as number) + 1e-8);
        }
      });
    }
  }

  predictProba(x: Float64Array, n: number): Float64Array {
    const probs = new Float64Array(n * this.#K);
    this.#forward(x, n, new Float64Array(n * this.hidden), probs);
    return probs;
  }

  #forward(x: Float64Array, n: number, h: Float64Array, probs: Float64Array): void {
    const H = this.hidden;
    const d = this.#d;
    const K = this.#K;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < H; j++) {
        let s = this.#b1[j] as number;
        for (let c = 0; c < d; c++) s += (x[i * d + c] as number) * (this.#w1[c * H + j] as number);
        h[i * H + j] = s > 0 ? s : 0;
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = this.#b2[k] as number;
        for (let j = 0; j < H; j++) s += (h[i * H + j] as number) * (this.#w2[j * K + k] as number);
        probs[i * K + k] = s;
        max = Math.max(max, s);
      }
      let z = 0;
      for (let k = 0; k < K; k++) z += probs[i * K + k] = portableExp((probs[i * K + k] as number) - max);
      for (let k = 0; k < K; k++) probs[i * K + k]! /= z;
    }
  }
}
