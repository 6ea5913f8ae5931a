import { simulateCrowd } from '@crowdlearn/datasets';
import { aggregate } from '@crowdlearn/aggregators';
import { accuracy, completionAgreement } from '@crowdlearn/core-matrix';
import { initBackend } from '@crowdlearn/neural';
import { MmlcModel, mmlcConfig, oracleWorker, fillWithModel, fillGMV, upperLimit } from './dist/index.js';
await initBackend();
const epochs = Number(process.argv[2] ?? 100), bs = Number(process.argv[3] ?? 256), lr = Number(process.argv[4] ?? 1e-3);
for (const seed of [0, 1, 2]) {
  const c = simulateCrowd({ numItems: 600, numClasses: 4, numWorkers: 30, featureDim: 16, workerMix: { instanceDependent: 1 } }, seed);
  const t = Date.now();
  const model = new MmlcModel(4, 30, mmlcConfig('default', 30, { epochs, batchSize: bs, learningRate: lr }));
  const h = await model.fit(c.labels, c.features, { seed });
  const owf = oracleWorker(model, c.labels, c.features);
  const mv = accuracy(aggregate(c.labels, { method: 'mv', seed: 0 }).labels, c.gold);
  const filled = fillWithModel(model, c.labels, c.features);
  const mvf = accuracy(aggregate(filled, { method: 'mv', seed: 0 }).labels, c.gold);
  const g = fillGMV(c.labels, { seed });
  const ul = await upperLimit(model, c.features, c.gold);
  console.log(seed, 'owf', accuracy(owf.labels, c.gold).toFixed(3), 'mv', mv.toFixed(3), 'mv+df', mvf.toFixed(3), 'df agree', completionAgreement(filled, c.latent).accuracy.toFixed(3), 'gmv agree', completionAgreement(g, c.latent).accuracy.toFixed(3), 'UL', ul.accuracy.toFixed(3), 'loss', h.loss.at(-1).toFixed(3), ((Date.now()-t)/1000).toFixed(1)+'s');
  model.dispose();
}
