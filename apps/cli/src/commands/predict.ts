import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { CrowdError, rowArgmax, type Features, type ResultTable } from '@crowdlearn/core-matrix';
import { npyToFeatures, readNpy } from '@crowdlearn/datasets';
import { initBackend, loadModel, readModelInfo } from '@crowdlearn/neural';
import { npyIdsPath, readFeatureTable, readIdsFile, readInputFile } from '../input.js';
import { assertWritable, isStdout, printJson, writeOutput } from '../output.js';
import { encodeTable, tableFormat } from '../table-output.js';

/** Options of `crowdlearn predict`. */
export interface PredictCommandOptions {
  model?: string;
  features?: string;
  out?: string;
  outFormat?: string;
  proba?: boolean;
  force?: boolean;
  json?: boolean;
}

/**
 * Predicts with a saved model: `item, label, confidence` per feature row
 * (ids from a CSV's first column, row numbers for `.npy`), the class named
 * as in the training labels, and with `--proba` one `p_<class>` column per
 * class. A feature file of another width than the model's is an error.
 */
export async function predictCommand(o: PredictCommandOptions): Promise<void> {
  if (o.model === undefined || o.features === undefined) throw new CrowdError('INVALID_ARGUMENT', 'predict needs --model <dir> and --features <file>');
  const out = o.out ?? (o.outFormat !== undefined || o.json !== true ? '-' : undefined);
  if (o.json === true && isStdout(out)) throw new CrowdError('INVALID_ARGUMENT', '--json prints the report on standard output, so the predictions need a file', { expected: '--out <file> with --json' });
  if (out !== undefined) tableFormat(out, o.outFormat);
  assertWritable(out, o.force === true);
  const info = await readModelInfo(o.model);
  const { ids, features } = readPlainFeatures(o.features);
  if (features.numCols !== info.inputDim) {
    throw new CrowdError('SHAPE_MISMATCH', 'the features differ in width from those the model was trained on', { source: o.features, expected: `${info.inputDim} feature columns`, found: String(features.numCols) });
  }
  await initBackend();
  const model = await loadModel(o.model);
  let p: Float32Array;
  try {
    p = model.predictProba(features);
  } finally {
    model.dispose();
  }
  const K = info.numClasses;
  const names = info.classes ?? Array.from({ length: K }, (_, k) => String(k));
  const predicted = rowArgmax(p, features.numRows, K);
  const table: ResultTable = {
    columns: ['item', 'label', 'confidence', ...(o.proba === true ? names.map((c) => `p_${c}`) : [])],
    size: predicted.length,
    row: (i) => [ids[i] as string, names[predicted[i] as number] as string, p[i * K + (predicted[i] as number)] as number, ...(o.proba === true ? Array.from(p.subarray(i * K, (i + 1) * K)) : [])],
  };
  if (out !== undefined) await writeOutput(out, await encodeTable(table, tableFormat(out, o.outFormat)), o.force === true);
  if (o.json === true) return printJson({ model: o.model, rows: features.numRows, classes: names, ...(out !== undefined ? { out } : {}) });
  if (!isStdout(out)) process.stdout.write(`${features.numRows} predictions written to ${out as string}\n`);
}

/** Features without a label matrix: `.npy` (ids from `<name>.ids.txt` beside it, else row numbers) or CSV with an id column first. */
function readPlainFeatures(path: string): { ids: string[]; features: Features } {
  if (path.toLowerCase().endsWith('.npy')) {
    const f = npyToFeatures(readNpy(new Uint8Array(readInputFile(path)), path), path);
    const idsFile = npyIdsPath(path);
    const ids = existsSync(idsFile) ? readIdsFile(idsFile, f.numRows, basename(path)) : Array.from({ length: f.numRows }, (_, i) => String(i));
    return { ids, features: f };
  }
  const table = readFeatureTable(path, false);
  return { ids: table.ids, features: table.features };
}
