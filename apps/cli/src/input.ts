import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CrowdError, Features, GoldLabels, type CrowdLabels } from '@crowdlearn/core-matrix';
import {
  loadDataset,
  npyToFeatures,
  parseDelimited,
  readArff,
  readCeka,
  readJsonLines,
  readLongGold,
  readLongLabels,
  readLongLabelsFile,
  readNpy,
  readRodriguesMatrix,
  type HeldOutSplit,
} from '@crowdlearn/datasets';

/** Input formats the CLI reads. */
export type InputFormat = 'long' | 'ceka' | 'rodrigues' | 'jsonl';

/** What a command works on. */
export interface LoadedInput {
  /** Where the labels came from (a file name or `dataset:<name>`). */
  source: string;
  labels: CrowdLabels;
  gold?: GoldLabels;
  features?: Features;
  test?: HeldOutSplit;
  /** A bundled dataset's validation split (model selection of CrowdInG). */
  valid?: HeldOutSplit;
}

/** The input options shared by the commands. */
export interface InputOptions {
  dataset?: string;
  format?: string;
  gold?: string;
  goldFromDataset?: string;
  features?: string;
}

/**
 * The bytes of an input file the user named; a missing file, a directory or
 * one that cannot be read is an IO_ERROR naming it (exit 2).
 */
export function readInputFile(path: string): Buffer {
  if (!existsSync(path)) throw new CrowdError('IO_ERROR', 'no such file', { source: path });
  if (statSync(path).isDirectory()) throw new CrowdError('IO_ERROR', 'is a directory', { source: path, expected: 'a file' });
  try {
    return readFileSync(path);
  } catch (err) {
    throw new CrowdError('IO_ERROR', 'cannot read the file', { source: path, cause: err, found: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
}

/** Reads a file as text, gunzipping `.gz` transparently; a missing or unreadable file is an IO_ERROR naming it. */
export function readText(path: string): string {
  const bytes = readInputFile(path);
  if (!path.endsWith('.gz')) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch (err) {
    throw new CrowdError('PARSE_ERROR', 'not a valid gzip file', { source: path, cause: err, expected: 'a complete gzip stream', found: String((err as Error).message) });
  }
}

/** The format of a labels file: forced, or from its extension and first line. */
export function detectFormat(path: string, forced: string | undefined, text: string): InputFormat {
  if (forced !== undefined) {
    if (!['long', 'ceka', 'rodrigues', 'jsonl'].includes(forced)) {
      throw new CrowdError('INVALID_ARGUMENT', `unknown format ${JSON.stringify(forced)}`, { expected: 'long, ceka, rodrigues or jsonl' });
    }
    return forced as InputFormat;
  }
  const ext = extname(path.replace(/\.gz$/, '')).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.resp') return 'ceka';
  const first = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '';
  const fields = first.trim().split(/\s+/);
  // An integer matrix with -1 for missing, wider than a label triple: Rodrigues' answers.txt.
  if (fields.length > 4 && !/[,\t]/.test(first) && fields.every((f) => /^-?\d+$/.test(f))) return 'rodrigues';
  return 'long';
}

/** Loads the labels (a file or `--dataset`), gold and features named by the options. */
export async function loadInput(file: string | undefined, options: InputOptions): Promise<LoadedInput> {
  let input: LoadedInput;
  if (options.dataset !== undefined) {
    if (file !== undefined) throw new CrowdError('INVALID_ARGUMENT', 'give a labels file or --dataset, not both');
    const d = loadDataset(options.dataset);
    input = { source: `dataset:${options.dataset}`, labels: d.labels };
    if (d.gold !== undefined) input.gold = d.gold;
    if (d.features !== undefined) input.features = d.features;
    if (d.test !== undefined) input.test = d.test;
    if (d.valid !== undefined) input.valid = d.valid;
  } else {
    if (file === undefined) throw new CrowdError('INVALID_ARGUMENT', 'no labels given', { expected: 'a labels file or --dataset <name>' });
    input = await loadFile(file, options);
  }
  if (options.goldFromDataset !== undefined) {
    const d = loadDataset(options.goldFromDataset);
    if (d.gold === undefined) throw new CrowdError('INVALID_ARGUMENT', `dataset ${options.goldFromDataset} has no gold`);
    input.gold = goldByIds(input.labels, d.labels, d.gold, `dataset:${options.goldFromDataset}`);
  }
  if (options.features !== undefined) input.features = readFeatures(options.features, input.labels);
  return input;
}

async function loadFile(file: string, options: InputOptions): Promise<LoadedInput> {
  const name = basename(file);
  const plain = !file.endsWith('.gz');
  const text = plain && options.format === undefined && extname(file) !== '.resp' ? undefined : readText(file);
  const sniff = text ?? readHead(file);
  const format = detectFormat(file, options.format, sniff);
  let labels: CrowdLabels;
  let gold: GoldLabels | undefined;
  if (format === 'long') {
    const data = text === undefined ? await readLongLabelsFile(file, { source: name }) : readLongLabels(text, { source: name });
    labels = data.labels;
    gold = data.gold;
  } else if (format === 'jsonl') {
    const data = readJsonLines(text ?? readText(file), { source: name });
    labels = data.labels;
    gold = data.gold;
  } else if (format === 'ceka') {
    labels = readCeka({ resp: text ?? readText(file) }, { name: name.replace(/\.resp(\.gz)?$/, '') }).labels;
  } else {
    labels = readRodriguesMatrix(text ?? readText(file), { source: name }).labels;
  }
  const input: LoadedInput = { source: name, labels };
  if (gold !== undefined) input.gold = gold;
  if (options.gold !== undefined) input.gold = readGold(options.gold, labels, format);
  return input;
}

function readHead(file: string): string {
  return readInputFile(file).subarray(0, 4096).toString('utf8');
}

/** A gold file: `question,truth` / `task,true_label` / headerless `item label`; for a Rodrigues matrix, one class per row. */
export function readGold(path: string, labels: CrowdLabels, format: InputFormat): GoldLabels {
  const text = readText(path);
  const source = basename(path);
  if (format === 'rodrigues') {
    const rows = parseDelimited(text, 'whitespace', source);
    return GoldLabels.fromArray(
      rows.map(({ fields, line }) => {
        const v = Number(fields[0]);
        if (!Number.isInteger(v)) throw new CrowdError('PARSE_ERROR', 'not a class index', { source, line, found: JSON.stringify(fields[0]) });
        return v;
      }),
      labels.numClasses,
    );
  }
  const first = text.split(/\r\n|\r|\n/)[0] ?? '';
  const delimiter = first.includes('\t') ? '\t' : first.includes(',') ? ',' : 'whitespace';
  const gold = readLongGold(text, labels, { source, delimiter, unknownItems: 'ignore' });
  // gold rows for items the labels do not have are skipped; when that is every row, no accuracy could be reported
  if (gold.size === 0 && text.trim() !== '') {
    throw new CrowdError('INVALID_ARGUMENT', 'the gold file names no item of the labels', { source: path, expected: 'gold rows whose item ids appear in the labels file' });
  }
  return gold;
}

/** Another matrix's gold mapped onto these labels by external ids (compared as strings). */
function goldByIds(labels: CrowdLabels, from: CrowdLabels, gold: GoldLabels, source: string): GoldLabels {
  const itemIndex = new Map(labels.items.ids().map((id, i) => [String(id), i]));
  const classIndex = new Map(labels.classes.ids().map((id, k) => [String(id), k]));
  const items: number[] = [];
  const classes: number[] = [];
  for (let j = 0; j < gold.size; j++) {
    const i = itemIndex.get(String(from.items.idOf(gold.items[j] as number)));
    if (i === undefined) continue;
    const name = String(from.classes.idOf(gold.labels[j] as number));
    const k = classIndex.get(name);
    if (k === undefined) throw new CrowdError('UNKNOWN_CLASS', `gold class ${JSON.stringify(name)} is not a class of the labels`, { source });
    items.push(i);
    classes.push(k);
  }
  return GoldLabels.fromPairs(labels.numItems, labels.numClasses, items, classes, source);
}

/** Features: `.npy` (rows in item order), ARFF / arffx, or CSV with an id column first. */
export function readFeatures(path: string, labels: CrowdLabels): Features {
  const source = basename(path);
  const lower = path.toLowerCase();
  let features: Features;
  if (lower.endsWith('.npy')) {
    features = npyToFeatures(readNpy(new Uint8Array(readInputFile(path)), source), source);
  } else if (lower.endsWith('.arff') || lower.endsWith('.arffx')) {
    const arff = readArff(readText(path), { source });
    features = arff.ids !== undefined ? alignRows(labels, arff.ids, arff.features, source) : arff.features;
  } else {
    const table = readFeatureTable(path, false);
    features = alignRows(labels, table.ids, table.features, source);
  }
  features.assertAligned(labels, source);
  return features;
}

/** A feature table read from CSV/TSV: an id column, numeric columns, and optionally a last label column. */
export interface FeatureTable {
  /** The first column of each row. */
  ids: string[];
  /** The numeric columns. */
  features: Features;
  /** The last column of each row, when `withLabel` was set. */
  labels?: string[];
}

/** Reads `id, f1..fd[, label]` rows with a header; a non-numeric feature is a PARSE_ERROR naming line and column. */
export function readFeatureTable(path: string, withLabel: boolean): FeatureTable {
  const source = basename(path);
  const rows = parseDelimited(readText(path), path.endsWith('.tsv') ? '\t' : ',', source);
  const header = rows[0]?.fields ?? [];
  const d = header.length - (withLabel ? 2 : 1);
  const body = rows.slice(1);
  const data = new Float32Array(body.length * d);
  body.forEach(({ fields, line }, j) => {
    if (fields.length !== header.length) {
      throw new CrowdError('PARSE_ERROR', 'wrong number of fields', { source, line, expected: String(header.length), found: String(fields.length) });
    }
    for (let c = 0; c < d; c++) {
      const v = Number(fields[c + 1]);
      if (!Number.isFinite(v) || (fields[c + 1] as string).trim() === '') {
        throw new CrowdError('PARSE_ERROR', 'non-numeric feature', { source, line, column: c + 2, found: JSON.stringify(fields[c + 1]) });
      }
      data[j * d + c] = v;
    }
  });
  const table: FeatureTable = { ids: body.map((r) => r.fields[0] as string), features: new Features(data, body.length, d, header.slice(1, 1 + d)) };
  if (withLabel) table.labels = body.map((r) => r.fields[d + 1] as string);
  return table;
}

function alignRows(labels: CrowdLabels, ids: string[], features: Features, source: string): Features {
  const index = new Map(ids.map((id, j) => [id, j]));
  const rows = labels.items.ids().map((id) => {
    const j = index.get(String(id));
    if (j === undefined) throw new CrowdError('FEATURES_MISALIGNED', `no feature row for item ${JSON.stringify(id)}`, { source });
    return j;
  });
  return features.selectRows(rows);
}
