// Builds a 100M-label CrowdLabels from typed arrays and reports its memory.
//
//   pnpm --filter @crowdlearn/core-matrix build
//   node packages/core-matrix/scripts/memory-100m.mjs [labels] [sorted|shuffled]
//
// The crowd: labels/10 items with 10 labels each, 100,000 workers, 4 classes.
// "sorted" hands the columns over in canonical order (adopted, no copy);
// "shuffled" hands them over in random order (two counting sorts and a copy).
// Prints bytes per label of the built matrix and the process's peak RSS.
import { CrowdLabels, Rng } from '../dist/index.js';

const n = Number(process.argv[2] ?? 100_000_000);
const mode = process.argv[3] ?? 'sorted';
const perItem = 10;
const numItems = Math.ceil(n / perItem);
const numWorkers = 100_000;
const rng = new Rng(2026);

const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const rss = () => process.memoryUsage().rss;
const baseline = rss();

const item = new Int32Array(n);
const worker = new Int32Array(n);
const label = new Int32Array(n);
for (let e = 0; e < n; e++) {
  const i = Math.floor(e / perItem);
  item[e] = i;
  // distinct, ascending workers per item: a random start, then fixed strides
  worker[e] = ((i * 7919) % (numWorkers - perItem * 997) + (e % perItem) * 997 + rng.int(997)) % numWorkers;
  label[e] = rng.int(4);
}
if (mode === 'shuffled') {
  // a random permutation applied to the three columns
  const p = rng.permutation(n);
  for (const col of [item, worker, label]) {
    const copy = col.slice();
    for (let e = 0; e < n; e++) col[e] = copy[p[e]];
  }
}
const inputBytes = item.byteLength * 3;
const t0 = performance.now();
const labels = CrowdLabels.fromArrays({ item, worker, label }, { numItems, numWorkers, numClasses: 4 });
const seconds = (performance.now() - t0) / 1000;

const own =
  labels.item.byteLength + labels.worker.byteLength + labels.label.byteLength +
  (labels.origin?.byteLength ?? 0) + labels.workerOrder.byteLength;
const offsets = labels.itemOffsets.byteLength + labels.workerOffsets.byteLength;
const peakKiB = process.resourceUsage().maxRSS;
console.log(`labels            ${labels.numLabels.toLocaleString('en')} (${mode} input)`);
console.log(`items, workers    ${labels.numItems.toLocaleString('en')}, ${labels.numWorkers.toLocaleString('en')}`);
console.log(`build time        ${seconds.toFixed(2)} s`);
console.log(`per-label arrays  ${mb(own)} = ${(own / n).toFixed(2)} bytes/label`);
console.log(`offsets (N + R)   ${mb(offsets)}`);
console.log(`input columns     ${mb(inputBytes)} (${mode === 'sorted' ? 'adopted, shared with the matrix' : 'caller-owned copy'})`);
console.log(`RSS before input  ${mb(baseline)}`);
console.log(`peak RSS          ${mb(peakKiB * 1024)}`);
