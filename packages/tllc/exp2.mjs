import { initBackend } from '@crowdlearn/neural';
import { simulateCrowd } from '@crowdlearn/datasets';
import { completionAccuracy, completionAgreement } from '@crowdlearn/core-matrix';
import { completeTLLC, completeWSLC } from './dist/index.js';
await initBackend();
const sim = JSON.parse(process.argv[2] ?? '{}');
for (const seed of [0,1,2]) {
  const c = simulateCrowd({ numItems: 400, numClasses: 4, numWorkers: 30, sigma: 1, ...sim }, seed);
  const a = await completeTLLC(c.labels, c.features, { seed });
  const b = await completeTLLC(c.labels, c.features, { seed, useTransfer: false });
  const w = completeWSLC(c.labels, c.features);
  console.log(seed, 'transfer latent', completionAgreement(a.labels, c.latent).accuracy.toFixed(3), 'gold', completionAccuracy(a.labels, c.gold).accuracy.toFixed(3),
    '| no transfer latent', completionAgreement(b.labels, c.latent).accuracy.toFixed(3), 'gold', completionAccuracy(b.labels, c.gold).accuracy.toFixed(3),
    '| wslc latent', completionAgreement(w.labels, c.latent).accuracy.toFixed(3));
}
