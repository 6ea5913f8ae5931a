import type { Learner } from './learner.js';

/** k-nearest-neighbours classifier (Euclidean); probabilities are the neighbours' class shares. */
export class NearestNeighbours implements Learner {
  #x: Float64Array = new Float64Array(0);
  #y: Int32Array = new Int32Array(0);
  #n = 0;
  #d = 0;
  #K = 0;

  constructor(readonly k = 5) {}

  fit(x: Float64Array, y: Int32Array, n: number, d: number, K: number): void {
    this.#x = x;
    this.#y = y;
    this.#n = n;
    this.#d = d;
    this.#K = K;
  }

  predictProba(x: Float64Array, n: number): Float64Array {
    const K = this.#K;
    const d = this.#d;
    const k = Math.min(this.k, this.#n);
    const out = new Float64Array(n * K);
    const dist = new Float64Array(this.#n);
    const order = new Int32Array(this.#n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < this.#n; j++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += ((x[i * d + c] as number) - (this.#x[j * d + c] as number)) ** 2;
        dist[j] = s;
        order[j] = j;
      }
      order.sort((a, b) => (dist[a] as number) - (dist[b] as number) || a - b);
      for (let m = 0; m < k; m++) out[i * K + (this.#y[order[m] as number] as number)]! += 1 / k;
    }
    return out;
  }
}
