// Trains every base model on the bundled music and labelme datasets (crowd items) and reports
// test accuracy over seeds, with the specs' per-dataset settings.
//
//   pnpm build
//   node packages/neural/scripts/base-models.mjs [seeds, default 3] [backend]
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset } from '@crowdlearn/datasets';
import { AggregateThenTrain, AnnoReg, Crowdlayer, DoctorNet, initBackend, modelAccuracy } from '../dist/index.js';

const seeds = Number(process.argv[2] ?? 3);
const info = await initBackend(process.argv[3] ? { backend: process.argv[3] } : {});
console.log(`backend ${info.name}`);
const models = {
  'MV-DL': (o) => new AggregateThenTrain({ ...o, aggregator: 'mv' }),
  'DS-DL': (o) => new AggregateThenTrain({ ...o, aggregator: 'ds' }),
  'Crowdlayer MW': (o) => new Crowdlayer({ ...o, variant: 'MW' }),
  'Crowdlayer VW': (o) => new Crowdlayer({ ...o, variant: 'VW' }),
  'Crowdlayer VB': (o) => new Crowdlayer({ ...o, variant: 'VB' }),
  'Anno-Reg': (o) => new AnnoReg(o),
  'Doctor Net': (o) => new DoctorNet({ ...o, weighting: 'uniform' }),
  WDN: (o) => new DoctorNet({ ...o, weighting: 'learned' }),
};
for (const name of ['music', 'labelme']) {
  const d = loadDataset(name);
  console.log(`\n${name}: test accuracy (%) over ${seeds} seeds`);
  for (const [label, make] of Object.entries(models)) {
    const accs = [];
    const t0 = performance.now();
    for (let seed = 0; seed < seeds; seed++) {
      const model = make({ numClasses: d.labels.numClasses, numWorkers: d.labels.numWorkers, preset: name });
      await model.fit({ labels: d.labels, features: d.features }, { seed });
      accs.push(100 * modelAccuracy(model, d.test.features, d.test.gold));
      model.dispose();
    }
    const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
    const sd = Math.sqrt(accs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, accs.length - 1));
    console.log(`  ${label.padEnd(14)} ${mean.toFixed(2)} ± ${sd.toFixed(2)}   (${((performance.now() - t0) / 1000 / seeds).toFixed(1)} s per fit)`);
  }
}
console.log(`\ntensors left: ${tf.memory().numTensors}`);
