import { initBackend } from '@crowdlearn/neural';
import { simulateCrowd } from '@crowdlearn/datasets';
import { completionAccuracy } from '@crowdlearn/core-matrix';
import { completeTLLC, completeWSLC } from './dist/index.js';
await initBackend();
const variants = JSON.parse(process.argv[2]);
const sim = JSON.parse(process.argv[3] ?? '{}');
for (const seed of [0,1,2]) {
  const c = simulateCrowd({ numItems: 400, numClasses: 4, numWorkers: 30, sigma: 1, workerMix: { oneCoin: 1 }, ...sim }, seed);
  const w = completeWSLC(c.labels, c.features);
  const out = [ 'wslc ' + completionAccuracy(w.labels, c.gold).accuracy.toFixed(3) ];
  for (const v of variants) {
    const t = await completeTLLC(c.labels, c.features, { seed, ...v });
    out.push(JSON.stringify(v) + ' ' + completionAccuracy(t.labels, c.gold).accuracy.toFixed(3) + ' n=' + t.completed);
  }
  console.log(seed, out.join(' | '));
}
