// Times Dawid-Skene on 100M labels: 10M items x 10 labels, 10,000 one-coin workers with
// accuracy U(0.5, 0.9), 4 classes, fixed seed. The columns are generated in canonical order
// (by item, then worker), so the matrix adopts them without a copy.
//
//   pnpm --filter @crowdlearn/aggregators build
//   node packages/aggregators/scripts/ds-100m.mjs [labels, default 100000000]
//
// Prints construction and DS times, iterations, accuracy and the process's peak RSS.
import { CrowdLabels, GoldLabels, Rng, accuracy } from '@crowdlearn/core-matrix';
import { dawidSkene } from '../dist/index.js';

const n = Number(process.argv[2] ?? 100_000_000);
const PER_ITEM = 10;
const N = Math.floor(n / PER_ITEM);
const R = 10_000;
const K = 4;
const STRIDE = 997; // PER_ITEM strides of 997 stay below R, so an item's workers are distinct and ascending
const rng = new Rng(7);
const quality = Float64Array.from({ length: R }, () => rng.uniform(0.5, 0.9));
const truth = new Int32Array(N);
const item = new Int32Array(N * PER_ITEM);
const worker = new Int32Array(N * PER_ITEM);
const label = new Int32Array(N * PER_ITEM);
let t0 = performance.now();
for (let i = 0; i < N; i++) {
  const y = rng.int(K);
  truth[i] = y;
  const start = rng.int(R - PER_ITEM * STRIDE);
  for (let j = 0; j < PER_ITEM; j++) {
    const e = i * PER_ITEM + j;
    const r = start + j * STRIDE + rng.int(STRIDE);
    item[e] = i;
    worker[e] = r;
    label[e] = rng.uniform() < quality[r] ? y : (y + 1 + rng.int(K - 1)) % K;
  }
}
const generated = (performance.now() - t0) / 1000;
t0 = performance.now();
const labels = CrowdLabels.fromArrays({ item, worker, label }, { numItems: N, numWorkers: R, numClasses: K });
const built = (performance.now() - t0) / 1000;
t0 = performance.now();
const ds = dawidSkene(labels);
const seconds = (performance.now() - t0) / 1000;
console.log(`labels          ${labels.numLabels.toLocaleString('en')} (${N.toLocaleString('en')} items, ${R} workers, ${K} classes)`);
console.log(`generate        ${generated.toFixed(1)} s`);
console.log(`build matrix    ${built.toFixed(1)} s`);
console.log(`dawid-skene     ${seconds.toFixed(1)} s, ${ds.iterations} iterations, converged ${ds.converged}`);
console.log(`accuracy        ${(100 * accuracy(ds.labels, GoldLabels.fromArray(truth, K))).toFixed(2)}%`);
console.log(`peak RSS        ${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(2)} GiB (whole process, generation included)`);
