import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CrowdError, Features, GoldLabels, isCrowdError, type CrowdLabels } from '@crowdlearn/core-matrix';
import {
  KNOWN_COLUMN_NAMES,
  loadDataset,
  npyToFeatures,
  parseDelimited,
  readArff,
  readCeka,
  readJsonExport,
  readJsonLines,
  readLongGold,
  readLongLabels,
  readLongLabelsFile,
  readNpy,
  readRodriguesMatrix,
  readWideMatrix,
  similarClassNames,
  type ColumnMapping,
  type Delimiter,
  type HeldOutSplit,
  type LabelRecordOptions,
} from '@crowdlearn/datasets';

/** Input formats the CLI reads. */
export const INPUT_FORMATS = ['long', 'wide', 'jsonl', 'json', 'ceka', 'rodrigues'] as const;

/** One of {@link INPUT_FORMATS}. */
export type InputFormat = (typeof INPUT_FORMATS)[number];

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
  /** What the user should know about the reading: records left out, class names that differ only in case or spaces. */
  warnings: string[];
}

/** The input options shared by the commands. */
export interface InputOptions {
  dataset?: string;
  format?: string;
  gold?: string;
  goldFromDataset?: string;
  features?: string;
  /** `item=<name>,worker=<name>,label=<name>[,gold=<name>]`: the columns (or JSON keys) of the labels file. */
  columns?: string;
  /** The field separator of a delimited labels file: comma, tab, semicolon or space (default: detected). */
  delimiter?: string;
  /** Repeated (item, worker) labels: error, first or last. */
  duplicates?: string;
  /** Records with an empty label: error or skip. */
  empty?: string;
  /** Trim labels and fold their case. */
  normalizeLabels?: boolean;
}

/** `--columns item=HITId,worker=WorkerId,label=Answer.sentiment` as a column mapping; a bad list is an error naming the flag. */
export function columnMapping(list: string | undefined): ColumnMapping | undefined {
  if (list === undefined) return undefined;
  const mapping: ColumnMapping = {};
  for (const part of String(list).split(',')) {
    const [role, name, ...rest] = part.split('=');
    if (!['item', 'worker', 'label', 'gold'].includes(role?.trim() ?? '') || name === undefined || name.trim() === '' || rest.length > 0) {
      throw new CrowdError('INVALID_ARGUMENT', 'bad --columns', { expected: 'role=name pairs, e.g. item=HITId,worker=WorkerId,label=Answer.sentiment (roles: item, worker, label, gold)', found: String(list) });
    }
    mapping[role?.trim() as 'item'] = name.trim();
  }
  return mapping;
}

const DELIMITERS: Readonly<Record<string, Delimiter>> = { comma: ',', ',': ',', tab: '\t', semicolon: ';', ';': ';', space: 'whitespace', whitespace: 'whitespace' };
const DUPLICATES: Readonly<Record<string, LabelRecordOptions['duplicatePolicy']>> = { error: 'error', first: 'keepFirst', last: 'keepLast' };

/** The reading policies the flags give, each checked with an error naming its flag. */
function readingPolicies(o: InputOptions): LabelRecordOptions & { delimiter?: Delimiter; columns?: ColumnMapping } {
  const bad = (flag: string, expected: string, found: string) => new CrowdError('INVALID_ARGUMENT', `bad ${flag}`, { expected, found });
  if (o.delimiter !== undefined && DELIMITERS[o.delimiter] === undefined) throw bad('--delimiter', 'comma, tab, semicolon or space', o.delimiter);
  if (o.duplicates !== undefined && DUPLICATES[o.duplicates] === undefined) throw bad('--duplicates', 'error, first or last', o.duplicates);
  if (o.empty !== undefined && o.empty !== 'error' && o.empty !== 'skip') throw bad('--empty', 'error or skip', o.empty);
  const columns = columnMapping(o.columns);
  return {
    ...(o.delimiter !== undefined ? { delimiter: DELIMITERS[o.delimiter] as Delimiter } : {}),
    ...(o.duplicates !== undefined ? { duplicatePolicy: DUPLICATES[o.duplicates] as 'error' } : {}),
    ...(o.empty !== undefined ? { emptyLabels: o.empty as 'error' | 'skip' } : {}),
    ...(o.normalizeLabels === true ? { normalizeLabels: true } : {}),
    ...(columns !== undefined ? { columns } : {}),
  };
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

/**
 * A header that names an item column first and no other known role, with
 * at least two more columns: a wide item x worker matrix (`item,alice,bob`).
 */
function looksWide(firstLine: string): boolean {
  const fields = firstLine.split(firstLine.includes('\t') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',').map((f) => f.trim().toLowerCase());
  if (fields.length < 3 || !KNOWN_COLUMN_NAMES.item.includes(fields[0] as string)) return false;
  const others = [...KNOWN_COLUMN_NAMES.worker, ...KNOWN_COLUMN_NAMES.label, ...KNOWN_COLUMN_NAMES.gold, ...KNOWN_COLUMN_NAMES.origin];
  return fields.slice(1).every((f) => !others.includes(f));
}

/**
 * The format of a labels file: forced, else from its content (a JSON array
 * or JSON objects, whatever the extension; a Rodrigues integer matrix; a
 * wide item x worker header), else from its extension, else long.
 */
export function detectFormat(path: string, forced: string | undefined, text: string): InputFormat {
  if (forced !== undefined) {
    if (!(INPUT_FORMATS as readonly string[]).includes(forced)) {
      throw new CrowdError('INVALID_ARGUMENT', `unknown format ${JSON.stringify(forced)}`, { expected: INPUT_FORMATS.join(', ') });
    }
    return forced as InputFormat;
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) return 'jsonl';
  const ext = extname(path.replace(/\.gz$/, '')).toLowerCase();
  if (ext === '.resp') return 'ceka';
  const first = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '';
  const fields = first.trim().split(/\s+/);
  // An integer matrix with -1 for missing, wider than a label triple: Rodrigues' answers.txt.
  if (fields.length > 4 && !/[,\t;]/.test(first) && fields.every((f) => /^-?\d+$/.test(f))) return 'rodrigues';
  if (looksWide(first)) return 'wide';
  return 'long';
}

/** Loads the labels (a file or `--dataset`), gold and features named by the options. */
export async function loadInput(file: string | undefined, options: InputOptions): Promise<LoadedInput> {
  let input: LoadedInput;
  if (options.dataset !== undefined) {
    if (file !== undefined) throw new CrowdError('INVALID_ARGUMENT', 'give a labels file or --dataset, not both');
    for (const [flag, value] of Object.entries({ '--format': options.format, '--columns': options.columns, '--delimiter': options.delimiter, '--duplicates': options.duplicates, '--empty': options.empty, '--normalize-labels': options.normalizeLabels })) {
      if (value !== undefined) throw new CrowdError('INVALID_ARGUMENT', `${flag} reads a labels file, not a bundled dataset`, { expected: `a labels file with ${flag}, or --dataset without it` });
    }
    const d = loadDataset(options.dataset);
    input = { source: `dataset:${options.dataset}`, labels: d.labels, warnings: [] };
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
  for (const group of similarClassNames(input.labels)) {
    input.warnings.push(`labels that differ only in case or spaces are separate classes: ${group.map((g) => JSON.stringify(g)).join(', ')} (--normalize-labels makes them one)`);
  }
  // on standard error, so that standard output keeps only the results
  for (const w of input.warnings) process.stderr.write(`crowdlearn: warning: ${w}\n`);
  return input;
}

async function loadFile(file: string, options: InputOptions): Promise<LoadedInput> {
  const name = basename(file);
  const policies = readingPolicies(options);
  const plain = !file.endsWith('.gz');
  const text = plain && options.format === undefined && extname(file) !== '.resp' ? undefined : readText(file);
  const sniff = text ?? readHead(file);
  const format = detectFormat(file, options.format, sniff);
  const { columns, delimiter, ...records } = policies;
  const refuse = (flag: string, value: unknown) => {
    if (value !== undefined) throw new CrowdError('INVALID_ARGUMENT', `${flag} does not apply to ${format} input`, { source: name, expected: `no ${flag}` });
  };
  let data: { labels: CrowdLabels; gold?: GoldLabels; warnings?: string[] };
  try {
    data = await readLabels();
  } catch (err) {
    // the readers' duplicate error names their option; here the flag does that job
    if (isCrowdError(err) && err.expected?.includes('duplicatePolicy') === true) {
      throw new CrowdError(err.code, err.reason, { source: err.source, line: err.line, column: err.column, expected: 'one label per (item, worker), or --duplicates first / last', found: err.found });
    }
    throw err;
  }
  const input: LoadedInput = { source: name, labels: data.labels, warnings: [...(data.warnings ?? [])] };
  if (data.gold !== undefined) input.gold = data.gold;
  if (options.gold !== undefined) input.gold = readGold(options.gold, data.labels, format);
  return input;

  // the reader of the format, with the policies of the flags
  async function readLabels(): Promise<{ labels: CrowdLabels; gold?: GoldLabels; warnings?: string[] }> {
    if (format === 'long') {
      const o = { source: name, ...policies };
      return text === undefined ? await readLongLabelsFile(file, o) : readLongLabels(text, o);
    }
    if (format === 'jsonl' || format === 'json') {
      refuse('--delimiter', delimiter);
      const o = { source: name, ...records, ...(columns !== undefined ? { columns: columns as Record<string, string> } : {}) };
      const content = text ?? readText(file);
      return format === 'jsonl' ? readJsonLines(content, o) : readJsonExport(content, o);
    }
    if (format === 'wide') {
      if (columns !== undefined && Object.keys(columns).some((role) => role !== 'item')) throw new CrowdError('INVALID_ARGUMENT', '--columns names only the item column of a wide matrix', { source: name, expected: 'item=<name>' });
      const first = sniff.split(/\r\n|\r|\n/)[0] ?? '';
      return readWideMatrix(text ?? readText(file), {
        source: name,
        ...records,
        delimiter: delimiter ?? (first.includes('\t') ? '\t' : first.includes(';') && !first.includes(',') ? ';' : ','),
        ...(typeof columns?.item === 'string' ? { itemColumn: columns.item } : {}),
      });
    }
    for (const [flag, value] of Object.entries({ '--columns': columns, '--delimiter': delimiter, '--duplicates': options.duplicates, '--empty': options.empty, '--normalize-labels': options.normalizeLabels })) refuse(flag, value);
    return format === 'ceka' ? readCeka({ resp: text ?? readText(file) }, { name: name.replace(/\.resp(\.gz)?$/, '') }) : readRodriguesMatrix(text ?? readText(file), { source: name });
  }
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
