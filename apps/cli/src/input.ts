import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { CrowdError, Features, GoldLabels, isCrowdError, type CrowdLabels } from '@crowdlearn/core-matrix';
import {
  cekaRespLayout,
  detectLabelFormat,
  loadDataset,
  npyToFeatures,
  alignFeatureRows,
  readArff,
  readFeatureTableText,
  readGoldText,
  readJsonExport,
  readLabelsText,
  readJsonLinesFile,
  readLongLabelsFile,
  readNpy,
  readRodriguesMatrixFile,
  readTextFile,
  similarClassNames,
  TEXT_ENCODINGS,
  type ColumnMapping,
  type FeatureTable,
  type Delimiter,
  type HeldOutSplit,
  type LabelFormat,
  type LabelRecordOptions,
  type TextEncoding,
} from '@crowdlearn/datasets';

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
  /** `false` (`--no-header`): the labels file's first row is a label, whatever it looks like. */
  header?: boolean;
  /** The input files' text encoding: utf-8 (default) or latin1. */
  encoding?: string;
  /** The item id of each row of an `.npy` features file, one per line. */
  featureIds?: string;
  /** `labels`: an `.npy` file's rows are the items in their order of first appearance in the labels. */
  featureOrder?: string;
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
function readingPolicies(o: InputOptions): LabelRecordOptions & { delimiter?: Delimiter; columns?: ColumnMapping; header?: boolean } {
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
    ...(o.header === false ? { header: false } : {}),
  };
}

/** The `--encoding` of the input files, checked. */
function textEncoding(o: InputOptions): TextEncoding {
  const e = o.encoding ?? 'utf-8';
  if (!(TEXT_ENCODINGS as readonly string[]).includes(e)) throw new CrowdError('INVALID_ARGUMENT', 'bad --encoding', { expected: TEXT_ENCODINGS.join(' or '), found: e });
  return e as TextEncoding;
}

/** A missing path or a directory is an IO_ERROR naming it. */
export function checkInputPath(path: string): void {
  if (!existsSync(path)) throw new CrowdError('IO_ERROR', 'no such file', { source: path });
  if (statSync(path).isDirectory()) throw new CrowdError('IO_ERROR', 'is a directory', { source: path, expected: 'a file' });
}

/**
 * The bytes of an input file the user named; a missing file, a directory or
 * one that cannot be read is an IO_ERROR naming it (exit 2).
 */
export function readInputFile(path: string): Buffer {
  checkInputPath(path);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new CrowdError('IO_ERROR', 'cannot read the file', { source: path, cause: err, found: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
}

/**
 * Reads a file as text: `.gz` gunzipped under the decompression guard,
 * decoded strictly (invalid UTF-8 is an error naming the line, unless the
 * encoding is latin1); every failure is a typed error naming the file.
 */
export function readText(path: string, encoding: TextEncoding = 'utf-8'): string {
  return readTextFile(path, { source: basename(path), encoding });
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
  if (options.features !== undefined) input.features = readFeatures(options.features, input.labels, options);
  else if (options.featureIds !== undefined || options.featureOrder !== undefined) {
    throw new CrowdError('INVALID_ARGUMENT', `${options.featureIds !== undefined ? '--feature-ids' : '--feature-order'} goes with --features <file>.npy`, { expected: '--features' });
  }
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
  const encoding = textEncoding(options);
  const text = { source: name, encoding };
  const sniff = readHead(file);
  const format = detectLabelFormat(name, sniff, options.format);
  const { columns, delimiter, header, ...records } = policies;
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
  if (options.gold !== undefined) input.gold = readGold(options.gold, data.labels, format, encoding, input.warnings);
  return input;

  // the reader of the format, with the policies of the flags; the line formats stream
  async function readLabels(): Promise<{ labels: CrowdLabels; gold?: GoldLabels; warnings?: string[] }> {
    if (format === 'long') return await readLongLabelsFile(file, { ...text, ...policies });
    refuse('--no-header', header);
    if (format === 'jsonl' || format === 'json') {
      refuse('--delimiter', delimiter);
      const o = { ...text, ...records, ...(columns !== undefined ? { columns: columns as Record<string, string> } : {}) };
      return format === 'jsonl' ? await readJsonLinesFile(file, o) : readJsonExport(readText(file, encoding), o);
    }
    if (format === 'wide') {
      if (columns !== undefined && Object.keys(columns).some((role) => role !== 'item')) throw new CrowdError('INVALID_ARGUMENT', '--columns names only the item column of a wide matrix', { source: name, expected: 'item=<name>' });
      return readLabelsText(readText(file, encoding), { ...policies, source: name, format });
    }
    for (const [flag, value] of Object.entries({ '--columns': columns, '--delimiter': delimiter, '--duplicates': options.duplicates, '--empty': options.empty, '--normalize-labels': options.normalizeLabels })) refuse(flag, value);
    if (format === 'ceka') return await readLongLabelsFile(file, { ...cekaRespLayout({ name: name.replace(/\.resp(\.gz)?$/, '') }), encoding });
    return await readRodriguesMatrixFile(file, text);
  }
}

/** How much of a file format detection looks at. */
const HEAD_BYTES = 64 * 1024;

/** The start of a file as text (a `.gz` file's decompressed start), for format detection; lenient, as the reader checks the bytes. */
function readHead(file: string): string {
  checkInputPath(file);
  let bytes: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      bytes = buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new CrowdError('IO_ERROR', 'cannot read the file', { source: file, cause: err, found: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  if (/\.gz$/i.test(file)) {
    try {
      // a prefix of the stream, flushed instead of read to its end; 4 KiB of gzip cannot expand past 4.2 MB
      bytes = gunzipSync(bytes.subarray(0, 4096), { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 8 << 20 }).subarray(0, HEAD_BYTES);
    } catch {
      return ''; // a corrupt stream is reported by the reader, with the file's name
    }
  }
  return new TextDecoder().decode(bytes);
}

/**
 * A gold file: `question,truth` / `task,true_label` / headerless `item label`;
 * for a Rodrigues matrix, one class index per row. Gold that names no item
 * of the labels is an error; rows for unknown items are a warning with the
 * count (pushed onto `warnings`).
 */
export function readGold(path: string, labels: CrowdLabels, format: LabelFormat, encoding: TextEncoding = 'utf-8', warnings: string[] = []): GoldLabels {
  return readGoldText(readText(path, encoding), labels, { source: basename(path), format, onWarning: (w) => warnings.push(w) });
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
  if (items.length === 0) throw new CrowdError('INVALID_ARGUMENT', `the gold of ${source} names no item of the labels`, { expected: 'labels whose item ids are those of the dataset' });
  return GoldLabels.fromPairs(labels.numItems, labels.numClasses, items, classes, source);
}

/** How an `.npy` features file's rows are matched to items. */
export interface FeatureRowOptions {
  /** The ids file (`--feature-ids`): one item id per line, row by row. */
  featureIds?: string;
  /** `labels` (`--feature-order labels`): the rows follow the items' first appearance in the labels file. */
  featureOrder?: string;
  /** Text encoding of the ids, ARFF and CSV files. */
  encoding?: string;
}

/** `x.npy` -> `x.ids.txt`: where `simulate` and `datasets export` write an `.npy` file's item ids. */
export function npyIdsPath(npy: string): string {
  return join(dirname(npy), `${basename(npy).replace(/\.npy$/i, '')}.ids.txt`);
}

/**
 * Features matched to the labels' items by id: `.npy` rows through their
 * ids file (`<name>.ids.txt` beside it, or `--feature-ids`), or in the
 * labels' item order only when `--feature-order labels` says so; ARFF with
 * an `@ID-MAP`, or CSV with an id column first. An item without a row, or
 * rows that do not match the ids, are errors naming the files.
 */
export function readFeatures(path: string, labels: CrowdLabels, options: FeatureRowOptions = {}): Features {
  const source = basename(path);
  const lower = path.toLowerCase();
  const encoding = textEncoding(options);
  let features: Features;
  if (lower.endsWith('.npy')) {
    features = npyToFeatures(readNpy(new Uint8Array(readInputFile(path)), source), source);
    const ids = npyRowIds(path, features.numRows, options);
    if (ids !== undefined) features = alignFeatureRows(labels, ids.ids, features, `${source} (ids from ${basename(ids.file)})`);
  } else {
    if (options.featureIds !== undefined || options.featureOrder !== undefined) {
      throw new CrowdError('INVALID_ARGUMENT', `${options.featureIds !== undefined ? '--feature-ids' : '--feature-order'} is for .npy features`, { source, expected: 'no such flag: ARFF and CSV features carry their ids' });
    }
    if (lower.endsWith('.arff') || lower.endsWith('.arffx')) {
      const arff = readArff(readText(path, encoding), { source });
      features = arff.ids !== undefined ? alignFeatureRows(labels, arff.ids, arff.features, source) : arff.features;
    } else {
      const table = readFeatureTable(path, false, encoding);
      features = alignFeatureRows(labels, table.ids, table.features, source);
    }
  }
  features.assertAligned(labels, source);
  return features;
}

/** An `.npy` file's row ids and the file they came from; undefined when the rows follow the labels' order by the user's word. */
function npyRowIds(path: string, rows: number, options: FeatureRowOptions): { ids: string[]; file: string } | undefined {
  const source = basename(path);
  if (options.featureOrder !== undefined) {
    if (options.featureOrder !== 'labels') throw new CrowdError('INVALID_ARGUMENT', 'bad --feature-order', { expected: 'labels', found: options.featureOrder });
    if (options.featureIds !== undefined) throw new CrowdError('INVALID_ARGUMENT', '--feature-ids and --feature-order labels say two different things', { expected: 'one of them' });
    return undefined;
  }
  const file = options.featureIds ?? npyIdsPath(path);
  if (options.featureIds === undefined && !existsSync(file)) {
    throw new CrowdError('INVALID_ARGUMENT', 'an .npy features file holds no item ids', {
      source,
      expected: `${basename(file)} beside it (one item id per line), --feature-ids <file>, or --feature-order labels if its rows follow the labels file's item order`,
    });
  }
  return { ids: readIdsFile(file, rows, source, textEncoding(options)), file };
}

/** An ids file: one item id per line for each of the `rows` rows of `of`; an empty or repeated id, or another count, is an error naming the file. */
export function readIdsFile(file: string, rows: number, of: string, encoding: TextEncoding = 'utf-8'): string[] {
  const ids: string[] = [];
  const seen = new Map<string, number>();
  const lines = readText(file, encoding).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((id, j) => {
    const line = j + 1;
    if (id === '') throw new CrowdError('PARSE_ERROR', 'an empty item id', { source: basename(file), line, expected: 'one item id per line' });
    const before = seen.get(id);
    if (before !== undefined) throw new CrowdError('PARSE_ERROR', `item ${JSON.stringify(id)} has a second row`, { source: basename(file), line, expected: `one line per item (first on line ${before})` });
    seen.set(id, line);
    ids.push(id);
  });
  if (ids.length !== rows) {
    throw new CrowdError('SHAPE_MISMATCH', `${basename(file)} and ${of} differ in rows`, { source: basename(file), expected: `${rows} ids, one per row of ${of}`, found: `${ids.length} ids` });
  }
  return ids;
}

/** Reads `id, f1..fd[, label]` rows with a header from a CSV or TSV file (see `readFeatureTableText`). */
export function readFeatureTable(path: string, withLabel: boolean, encoding: TextEncoding = 'utf-8'): FeatureTable {
  return readFeatureTableText(readText(path, encoding), { source: basename(path), delimiter: path.endsWith('.tsv') ? '\t' : ',', withLabel });
}
