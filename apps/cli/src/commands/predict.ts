import { existsSync, readFileSync } from 'node:fs';
import { CrowdError, rowArgmax, type Features } from '@crowdlearn/core-matrix';
import { npyToFeatures, readNpy } from '@crowdlearn/datasets';
import { initBackend, loadModel } from '@crowdlearn/neural';
import { readFeatureTable, readInputFile } from '../input.js';
import { printJson, writeOutput } from '../output.js';

/** Options of `crowdlearn predict`. */
export interface PredictCommandOptions {
  model?: string;
  features?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/** Predicts with a saved model: `row,class,p0..pK-1` per feature row (ids from a CSV's first column). */
export async function predictCommand(o: PredictCommandOptions): Promise<void> {
  if (o.model === undefined || o.features === undefined) throw new CrowdError('INVALID_ARGUMENT', 'predict needs --model <dir> and --features <file>');
  await initBackend();
  const model = await loadModel(o.model);
  const { ids, features } = readPlainFeatures(o.features);
  const p = model.predictProba(features);
  const K = model.numClasses;
  const predicted = Array.from(rowArgmax(p, features.numRows, K));
  model.dispose();
  const rows = ['id,class,' + Array.from({ length: K }, (_, k) => `p${k}`).join(','), ...predicted.map((k, i) => `${ids[i]},${k},${Array.from(p.subarray(i * K, (i + 1) * K), (v) => v.toFixed(6)).join(',')}`)];
  if (o.out !== undefined) await writeOutput(o.out, rows.join('\n') + '\n', o.force === true);
  if (o.json === true) return printJson({ model: o.model, rows: features.numRows, predicted, ...(o.out !== undefined ? { out: o.out } : {}) });
  if (o.out === undefined) process.stdout.write(rows.join('\n') + '\n');
  else process.stdout.write(`${features.numRows} predictions written to ${o.out}\n`);
}

/** Features without a label matrix: `.npy` (ids are row numbers) or CSV with an id column first. */
function readPlainFeatures(path: string): { ids: string[]; features: Features } {
  if (path.toLowerCase().endsWith('.npy')) {
    const f = npyToFeatures(readNpy(new Uint8Array(readInputFile(path)), path), path);
    return { ids: Array.from({ length: f.numRows }, (_, i) => String(i)), features: f };
  }
  const table = readFeatureTable(path, false);
  return { ids: table.ids, features: table.features };
}
