import { CrowdError } from '@crowdlearn/core-matrix';
import { SIMULATION_PRESETS, simulateCrowd, writeFolderAtomic, writeLongCsv, writeNpy, type FolderFile, type SimulateCrowdOptions, type SimulationPreset } from '@crowdlearn/datasets';
import { itemIdLines } from '../output.js';
import { numberFlag, seedValue } from '../method-flags.js';
import { printJson } from '../output.js';

/** Options of `crowdlearn simulate`. */
export interface SimulateCommandOptions {
  out?: string;
  preset?: string;
  items?: unknown;
  workers?: unknown;
  classes?: unknown;
  featureDim?: unknown;
  labelsPerItem?: unknown;
  imbalanceRatio?: unknown;
  difficulty?: unknown;
  mix?: string;
  seed?: unknown;
  force?: boolean;
  json?: boolean;
}

/** Writes a simulated crowd as one set: labels.csv, gold.csv, workers.json (types, quality, confusion), features.npy with its ids. */
export async function simulateCommand(o: SimulateCommandOptions): Promise<void> {
  if (o.out === undefined) throw new CrowdError('INVALID_ARGUMENT', 'simulate needs --out <dir>');
  let options: SimulateCrowdOptions = {};
  if (o.preset !== undefined) {
    const preset = SIMULATION_PRESETS[o.preset as SimulationPreset];
    if (preset === undefined) throw new CrowdError('INVALID_ARGUMENT', `unknown preset ${JSON.stringify(o.preset)}`, { expected: Object.keys(SIMULATION_PRESETS).join(', ') });
    options = { ...preset };
  }
  // every number is checked here, so that an error names the flag
  const flags = {
    numItems: numberFlag(o.items, '--items', { kind: 'integer', min: 1 }),
    numWorkers: numberFlag(o.workers, '--workers', { kind: 'integer', min: 1 }),
    numClasses: numberFlag(o.classes, '--classes', { kind: 'integer', min: 2 }),
    featureDim: numberFlag(o.featureDim, '--feature-dim', { kind: 'integer', min: 0 }),
    labelsPerItem: numberFlag(o.labelsPerItem, '--labels-per-item', { kind: 'integer', min: 1 }),
    imbalanceRatio: numberFlag(o.imbalanceRatio, '--imbalance-ratio', { kind: 'number', min: 1 }),
    difficulty: numberFlag(o.difficulty, '--difficulty', { kind: 'number', min: 0, max: 1 }),
  };
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) (options as Record<string, number>)[key] = value;
  if (o.mix !== undefined) {
    // "oneCoin=3,spammer=1"
    options.workerMix = Object.fromEntries(
      o.mix.split(',').map((part) => {
        const [type, weight] = part.split('=');
        const w = Number(weight ?? 1);
        if (type === undefined || !Number.isFinite(w)) throw new CrowdError('INVALID_ARGUMENT', 'bad --mix', { expected: 'type=weight,...', found: o.mix });
        return [type, w];
      }),
    );
  }
  const s = simulateCrowd(options, seedValue(o.seed));
  const K = s.labels.numClasses;
  const workers = s.workerTypes.map((type, r) => ({
    worker: r,
    type,
    quality: Number.isNaN(s.workerQuality[r]) ? null : s.workerQuality[r],
    confusion: Array.from({ length: K }, (_, k) => Array.from(s.confusion.subarray((r * K + k) * K, (r * K + k + 1) * K))),
  }));
  const set: FolderFile[] = [
    { name: 'labels.csv', data: writeLongCsv(s.labels) },
    { name: 'gold.csv', data: ['task,true_label', ...Array.from(s.gold.labels, (y, i) => `${i},${y}`)].join('\n') + '\n' },
    { name: 'workers.json', data: JSON.stringify(workers, null, 1) + '\n' },
  ];
  if (s.features !== undefined) {
    set.push({ name: 'features.npy', data: writeNpy({ shape: [s.features.numRows, s.features.numCols], data: s.features.data }) });
    set.push({ name: 'features.ids.txt', data: itemIdLines(s.labels) });
  }
  // one set: a kill or a full disk leaves the previous set or this one, never a mix
  await writeFolderAtomic(o.out, set, { writtenBy: 'crowdlearn simulate', replace: o.force === true });
  const files = set.map((f) => f.name);
  const summary = { out: o.out, items: s.labels.numItems, workers: s.labels.numWorkers, labels: s.labels.numLabels, classes: K, files };
  if (o.json === true) return printJson(summary);
  process.stdout.write(`${summary.labels} labels on ${summary.items} items by ${summary.workers} workers written to ${o.out} (${files.join(', ')})\n`);
}
