// Times the aggregators on the simulated crowd: 100k tasks, 1,000 workers, 4 classes,
// 10 labels per task (1M labels), one-coin workers with accuracy U(0.5, 0.9), fixed seed.
//
//   pnpm --filter @crowdlearn/aggregators build
//   node --expose-gc packages/aggregators/scripts/speed-1m.mjs [methods...]
//
// Prints seconds, iterations, accuracy and the rise in RSS during each run.
import { CrowdLabels, GoldLabels, Rng, accuracy } from '@crowdlearn/core-matrix';
import { aggregate } from '../dist/index.js';

const N = 100_000;
const R = 1_000;
const K = 4;
const PER_ITEM = 10;
const rng = new Rng(2026);
const quality = Float64Array.from({ length: R }, () => rng.uniform(0.5, 0.9));
const truth = Int32Array.from({ length: N }, () => rng.int(K));
const n = N * PER_ITEM;
const item = new Int32Array(n);
const worker = new Int32Array(n);
const label = new Int32Array(n);
for (let i = 0; i < N; i++) {
  const chosen = Array.from(rng.sample(R, PER_ITEM)).sort((a, b) => a - b);
  chosen.forEach((r, j) => {
    const e = i * PER_ITEM + j;
    item[e] = i;
    worker[e] = r;
    label[e] = rng.bernoulli(quality[r]) ? truth[i] : (truth[i] + 1 + rng.int(K - 1)) % K;
  });
}
const labels = CrowdLabels.fromArrays({ item, worker, label }, { numItems: N, numWorkers: R, numClasses: K });
const gold = GoldLabels.fromArray(truth, K);
const methods = process.argv.slice(2);
for (const method of methods.length > 0 ? methods : ['mv', 'wawa', 'ds', 'one-coin-ds', 'zencrowd', 'glad', 'mace']) {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  const result = aggregate(labels, { method });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${method.padEnd(12)} ${seconds.toFixed(3).padStart(7)} s  iterations ${String(result.iterations ?? '-').padStart(3)}  ` +
      `accuracy ${(100 * accuracy(result.labels, gold)).toFixed(2)}%  RSS +${((peak - before) / 2 ** 20).toFixed(0)} MiB`,
  );
}
