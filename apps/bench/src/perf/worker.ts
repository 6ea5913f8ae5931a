// Runs one performance measurement in its own process and prints one JSON line, so that the
// process's peak RSS is the measurement's. Started by run-child.ts.
import { createWriteStream, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { accuracy, GoldLabels, Rng, type Features } from '@crowdlearn/core-matrix';
import { aggregate, AGGREGATORS, type AggregateOptions } from '@crowdlearn/aggregators';
import { detectLabelFormat, loadDataset, readLabelsText, readLongLabelsFile, writeNpy } from '@crowdlearn/datasets';
import { annotatedItems, baseModelEntry, initBackend, Mlp, modelAccuracy, MODEL_PRESETS, ParamStore, rowsTensor, trainLoop } from '@crowdlearn/neural';
import { dascBaseModel, defaultDascBase, selfTrain } from '@crowdlearn/dasc';
import { completeTllc } from '@crowdlearn/tllc';
import { bigCrowd } from './big-crowd.js';
import { binaryOnly } from './binary-only.js';
import { sqlAggregateTask } from './sql-task.js';
import type { FitMethod, PerfOutcome, PerfTask } from './tasks.js';

const peak = () => process.resourceUsage().maxRSS / 1024;

async function runTask(task: PerfTask): Promise<PerfOutcome> {
  if (task.kind === 'generate' || task.kind === 'aggregate') {
    // binary-only methods (KOS, VI-BP, CGLAD) get the same crowd with 2 classes
    const classes = task.kind === 'aggregate' && binaryOnly(task.method) ? 2 : 4;
    const crowd = bigCrowd(task.labels, { workers: task.labels >= 1e6 ? 1000 : 200, classes, perTask: 10, seed: task.seed });
    if (task.kind === 'generate') return { seconds: 0, peakRssMiB: peak(), detail: {} };
    const t0 = performance.now();
    // gold-mv is given the classes of the first 1% of the items (each worker meets about ten of them)
    const known = task.method === 'gold-mv' ? { trueLabels: knownShare(crowd.gold, 0.01) } : {};
    const result = aggregate(crowd.labels, { method: task.method, ...task.options, ...known } as AggregateOptions);
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, peakRssMiB: peak(), detail: { accuracy: accuracy(result.labels, crowd.gold), iterations: result.iterations ?? 0 } };
  }
  if (task.kind === 'write-crowd' || task.kind === 'aggregate-file') return crowdFileTask(task);
  if (task.kind === 'read-csv') {
    const path = join(tmpdir(), `crowdlearn-bench-${process.pid}.csv`);
    const out = createWriteStream(path);
    out.write('question,worker,answer\n');
    let chunk = '';
    for (let e = 0; e < task.lines; e++) {
      const item = Math.floor(e / 10);
      chunk += `q${item},w${(item * 7 + (e % 10) * 1000) % 10000},${(item + e) % 5}\n`;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
    await once(out, 'finish');
    const bytes = statSync(path).size;
    const t0 = performance.now();
    try {
      const { labels } = await readLongLabelsFile(path);
      const seconds = (performance.now() - t0) / 1000;
      return { seconds, peakRssMiB: peak(), detail: { labels: labels.numLabels, labelsPerSecond: labels.numLabels / seconds, fileMiB: bytes / 2 ** 20 } };
    } finally {
      rmSync(path, { force: true });
    }
  }
  if (task.kind === 'read-and-aggregate') return readAndAggregate(task.dataPath, task.method);
  if (task.kind === 'fit') return fitTask(task.method, task.dataset);
  if (task.kind === 'export-neural') return exportForTorch(task.dataset, task.dir);
  if (task.kind === 'aggregate-sql') return sqlAggregateTask(task);
  // The neural issue's dense benchmark: 1000 x 8192 -> 128 -> 8, 5 epochs, batch 64, Adam.
  const info = await initBackend({ backend: task.backend, skipWasmKernelFixes: task.naive });
  const N = 1000;
  const D = 8192;
  const K = 8;
  const rng = new Rng(1);
  const x = Float32Array.from({ length: N * D }, () => rng.normal());
  const y = new Float32Array(N * K);
  for (let i = 0; i < N; i++) y[i * K + rng.int(K)] = 1;
  const store = new ParamStore();
  const mlp = new Mlp(store, 'bench', { inputDim: D, hidden: [128], outputDim: K, batchNorm: false, dropout: 0, init: 'glorotUniform' }, rng);
  const t0 = performance.now();
  const history = await trainLoop(store, N, (idx) => tf.losses.softmaxCrossEntropy(rowsTensor(y, K, idx), mlp.logits(rowsTensor(x, D, idx), true)) as tf.Scalar, {
    phase: 'dense',
    epochs: 5,
    batchSize: 64,
    optimizer: { type: 'adam', learningRate: 1e-3 },
    rng: rng.fork('shuffle'),
  });
  const seconds = (performance.now() - t0) / 1000;
  store.dispose();
  return { seconds, peakRssMiB: peak(), detail: { backend: info.name, fix: info.wasmMatMulFix, finalLoss: history.loss.at(-1) ?? Number.NaN } };
}

/**
 * The side-by-side with crowd-kit: `write-crowd` writes the performance crowd
 * as task,worker,label and task,label CSVs; `aggregate-file` reads that file
 * (not timed) and times the aggregation, as crowd-kit's side is timed.
 */
async function crowdFileTask(task: Extract<PerfTask, { kind: 'write-crowd' | 'aggregate-file' }>): Promise<PerfOutcome> {
  const crowd = bigCrowd(task.labels, { workers: task.labels >= 1e6 ? 1000 : 200, classes: 4, perTask: 10, seed: task.seed });
  if (task.kind === 'write-crowd') {
    const { labels, gold } = crowd;
    const rows = ['task,worker,label'];
    for (let e = 0; e < labels.numLabels; e++) rows.push(`${labels.item[e]},${labels.worker[e]},${labels.label[e]}`);
    writeFileSync(task.dataPath, rows.join('\n') + '\n');
    writeFileSync(task.goldPath, ['task,label', ...Array.from(gold.items, (i, j) => `${i},${gold.labels[j]}`)].join('\n') + '\n');
    return { seconds: 0, peakRssMiB: peak(), detail: {} };
  }
  const { labels } = await readLongLabelsFile(task.dataPath);
  const t0 = performance.now();
  const result = aggregate(labels, { method: task.method } as AggregateOptions);
  const seconds = (performance.now() - t0) / 1000;
  // the file's task ids and labels are the generated items' and classes' indices
  let hits = 0;
  for (let i = 0; i < labels.numItems; i++) {
    if (String(labels.classes.idOf(result.labels[i] as number)) === String(crowd.gold.get(Number(labels.items.idOf(i))))) hits++;
  }
  return { seconds, peakRssMiB: peak(), detail: { accuracy: hits / labels.numItems } };
}

/**
 * perf-web's Node side: what the web app's worker does with a file, timed the
 * same way (the text decoded and read by `readLabelsText`, then the method's
 * catalogue entry run with seed 0), and beside it the Node reader
 * (`readLongLabelsFile`, streaming) on the same file.
 */
async function readAndAggregate(path: string, method: string): Promise<PerfOutcome> {
  const bytes = readFileSync(path);
  const t0 = performance.now();
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const { labels } = readLabelsText(text, { source: path, format: detectLabelFormat(path, text.slice(0, 65536)) });
  const readSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await readLongLabelsFile(path);
  const nodeReaderSeconds = (performance.now() - t1) / 1000;
  const entry = AGGREGATORS.find((e) => e.name === method);
  if (entry === undefined) throw new Error(`unknown method ${method}`);
  const t2 = performance.now();
  const result = await entry.run({ labels }, {}, { seed: 0 });
  const seconds = (performance.now() - t2) / 1000;
  return { seconds, peakRssMiB: peak(), detail: { readSeconds, nodeReaderSeconds, labels: labels.numLabels, iterations: result.iterations ?? 0 } };
}

/** One neural method's training (or completion) on a bundled dataset, with the dataset's preset, on the default backend. */
/**
 * Writes what the PyTorch side-by-side trains on: the training features and
 * the test split as NPY, the annotations, test gold and the preset's
 * network and schedule as JSON (scripts/torch-train.py reads them).
 */
function exportForTorch(dataset: 'music' | 'labelme', dir: string): PerfOutcome {
  const d = loadDataset(dataset);
  const features = d.features as NonNullable<typeof d.features>;
  const test = d.test as { features: Features; gold: GoldLabels };
  const preset = MODEL_PRESETS[dataset];
  writeFileSync(join(dir, 'features.npy'), writeNpy({ shape: [features.numRows, features.numCols], data: features.data }));
  writeFileSync(join(dir, 'test-features.npy'), writeNpy({ shape: [test.features.numRows, test.features.numCols], data: test.features.data }));
  const crowd = {
    numItems: d.labels.numItems,
    numWorkers: d.labels.numWorkers,
    numClasses: d.labels.numClasses,
    item: Array.from(d.labels.item),
    worker: Array.from(d.labels.worker),
    label: Array.from(d.labels.label),
    testGold: Array.from({ length: test.features.numRows }, (_, i) => test.gold.get(i) as number),
    preset: {
      ...preset.network,
      epochs: preset.training.epochs,
      batchSize: preset.training.batchSize,
      learningRate: (preset.training.optimizer as { learningRate: number }).learningRate,
      weightDecay: preset.training.weightDecay ?? 0,
    },
  };
  writeFileSync(join(dir, 'crowd.json'), JSON.stringify(crowd));
  return { seconds: 0, peakRssMiB: peak(), detail: {} };
}

async function fitTask(method: FitMethod, dataset: 'music' | 'labelme'): Promise<PerfOutcome> {
  const info = await initBackend();
  const d = loadDataset(dataset);
  const data = { labels: d.labels, features: d.features as NonNullable<typeof d.features> };
  // from the process's start: module loading, backend and data (what a command-line run pays before training)
  const t0 = performance.now();
  if (method === 'tllc') {
    const r = await completeTllc(d.labels, data.features, { seed: 0 });
    return { seconds: (performance.now() - t0) / 1000, peakRssMiB: peak(), detail: { backend: info.name, completed: r.completed } };
  }
  // the models as the packages' catalogues build them: DASC with its default base for the dataset
  const model = method === 'dasc' ? dascBaseModel(defaultDascBase(dataset), d.labels, dataset) : baseModelEntry(method).create(d.labels, {}, dataset);
  if (method === 'dasc') await selfTrain(model, data, { seed: 0 });
  else await model.fit(data, { seed: 0 });
  const seconds = (performance.now() - t0) / 1000;
  const test = d.test?.features === undefined ? Number.NaN : modelAccuracy(model, d.test.features, d.test.gold);
  model.dispose();
  const preset = MODEL_PRESETS[dataset].training;
  const steps = preset.epochs * Math.ceil(annotatedItems(d.labels).length / preset.batchSize);
  return { seconds, peakRssMiB: peak(), detail: { backend: info.name, setupSeconds: t0 / 1000, steps, secondsPer100Steps: (100 * seconds) / steps, testAccuracy: test } };
}

const task = JSON.parse(process.argv[2] ?? '{}') as PerfTask;
process.stdout.write(JSON.stringify(await runTask(task)) + '\n');

/** The gold classes of the first `share` of the items, as known labels. */
function knownShare(gold: GoldLabels, share: number): GoldLabels {
  const items = Array.from({ length: Math.ceil(share * gold.numItems) }, (_, i) => i).filter((i) => gold.has(i));
  return GoldLabels.fromPairs(gold.numItems, gold.numClasses, items, items.map((i) => gold.get(i) as number));
}
