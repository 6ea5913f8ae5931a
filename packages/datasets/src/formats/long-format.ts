import { CrowdError, GoldLabels, type CrowdLabels } from '@crowdlearn/core-matrix';
import { DelimitedParser, type Delimiter } from './delimited-parser.js';
import { findKnown, KNOWN_COLUMN_NAMES, looksLikeHeader, resolveColumns, type ColumnMapping, type ColumnRole, type ResolvedColumns } from './columns.js';
import { LabelRecordSink, type LabelRecordOptions, type LabelRecordsData } from './label-records.js';
import { platformLayout } from './platform-exports.js';

/** Options of the long-format readers. */
export interface LongFormatOptions extends LabelRecordOptions {
  /** Field separator; `'auto'` (default) picks tab if the first line has one, else semicolon if it has one and no comma, else comma. */
  delimiter?: Delimiter | 'auto';
  /** Whether the first record is a header; `'auto'` (default) detects known column names and platform exports. */
  header?: boolean | 'auto';
  /**
   * Where the columns are, by header name or 0-based position. Known names
   * (and the exports of Amazon Mechanical Turk and Toloka) are recognised
   * without it; a headerless file defaults to item, worker, label in
   * positions 0, 1, 2.
   */
  columns?: ColumnMapping;
}

/** What a long-format reader returns: the labels, the gold of a gold column, and what was left out. */
export type LongFormatData = LabelRecordsData;

const LABEL_ROLES: readonly ColumnRole[] = ['item', 'worker', 'label', 'gold', 'origin'];

/** Every known column name, lower case: a first row holding one is a header. */
const KNOWN_NAMES = new Set(Object.values(KNOWN_COLUMN_NAMES).flat());

/**
 * Accumulates long-format records into a label matrix: the engine of
 * {@link readLongLabels} and of the streaming file reader (not exported from
 * the package).
 */
export class LongFormatAccumulator {
  readonly #options: LongFormatOptions;
  readonly #source: string;
  readonly #sink: LabelRecordSink;
  #columns: ResolvedColumns | undefined;
  #width = 0;
  /** A platform export's status column and the values that leave a record out. */
  #status: { column: number; rejected: readonly string[] } | undefined;
  /** The header's item and worker names, to recognise the header repeated (two files joined). */
  #header: { item: string; worker: string } | undefined;
  /** The first record when it was read as data with the header detected: checked at the end for a header nobody recognised. */
  #firstRecord: { item: string; worker: string; label: string } | undefined;

  constructor(options: LongFormatOptions, source: string) {
    this.#options = options;
    this.#source = source;
    this.#sink = new LabelRecordSink(options, source);
  }

  /** Resolves the columns from the first record; returns whether it is a header. */
  #start(fields: string[], line: number): boolean {
    const given = this.#options.columns ?? {};
    const where = { source: this.#source, line };
    const platform = this.#options.header === false ? undefined : platformLayout(fields, given, where);
    const header =
      platform !== undefined ||
      this.#options.header === true ||
      (this.#options.header !== false && (Object.values(given).some((c) => typeof c === 'string') || looksLikeHeader(fields, LABEL_ROLES)));
    this.#columns = resolveColumns(header ? fields : undefined, { ...platform?.columns, ...given }, { item: 0, worker: 1, label: 2 }, where, LABEL_ROLES);
    for (const role of ['item', 'worker', 'label'] as const) {
      if (this.#columns[role] === undefined) {
        throw new CrowdError('PARSE_ERROR', `no ${role} column`, {
          ...where,
          expected: `a header naming the ${role} (e.g. ${role === 'item' ? 'task' : role}) or --columns ${role}=<name>`,
          found: fields.join(','),
        });
      }
    }
    if (platform?.status !== undefined) this.#status = { column: fields.indexOf(platform.status.column), rejected: platform.status.rejected };
    this.#width = Math.max(...Object.values(this.#columns)) + 1;
    const c = this.#columns as Required<Pick<ResolvedColumns, 'item' | 'worker' | 'label'>>;
    if (header) this.#header = { item: fields[c.item] as string, worker: fields[c.worker] as string };
    else if (this.#options.header === undefined || this.#options.header === 'auto') {
      const known = fields.filter((f) => KNOWN_NAMES.has(f.trim().toLowerCase()));
      if (known.length > 0) {
        throw new CrowdError('PARSE_ERROR', 'the first row looks like a header, but not one that says where the item, worker and label are', {
          ...where,
          expected: `--columns item=<name>,worker=<name>,label=<name> (it names ${known.map((k) => JSON.stringify(k)).join(', ')})`,
          found: fields.join(','),
        });
      }
      this.#firstRecord = { item: fields[c.item] as string, worker: fields[c.worker] as string, label: fields[c.label] as string };
    }
    return header;
  }

  /** A header after line 1 (two files joined, a header not on the first line) is an error naming the line. */
  #checkRepeatedHeader(fields: string[], line: number, c: ResolvedColumns): void {
    const item = fields[c.item as number] as string;
    const worker = fields[c.worker as number] as string;
    const repeated =
      this.#header !== undefined
        ? item === this.#header.item && worker === this.#header.worker
        : KNOWN_COLUMN_NAMES.item.includes(item.trim().toLowerCase()) && KNOWN_COLUMN_NAMES.worker.includes(worker.trim().toLowerCase());
    if (repeated) {
      throw new CrowdError('PARSE_ERROR', this.#header !== undefined ? 'the header again (two files joined?)' : 'a header after the first line', {
        source: this.#source,
        line,
        expected: 'a label record (a header only on line 1)',
        found: fields.join(','),
      });
    }
  }

  record = (fields: string[], line: number): void => {
    if (this.#columns === undefined && this.#start(fields, line)) return;
    const c = this.#columns as ResolvedColumns;
    if (fields.length < this.#width) {
      throw new CrowdError('PARSE_ERROR', 'too few fields', {
        source: this.#source,
        line,
        column: fields.length + 1,
        expected: `at least ${this.#width} fields`,
        found: String(fields.length),
      });
    }
    if (this.#status !== undefined && this.#status.rejected.includes(fields[this.#status.column] as string)) return this.#sink.skip('of rejected assignments');
    this.#checkRepeatedHeader(fields, line, c);
    const item = fields[c.item as number] as string;
    let completed = false;
    if (c.origin !== undefined) {
      const o = fields[c.origin] as string;
      if (o !== 'observed' && o !== 'completed') {
        throw new CrowdError('PARSE_ERROR', 'unknown origin', {
          source: this.#source,
          line,
          column: c.origin + 1,
          expected: '"observed" or "completed"',
          found: JSON.stringify(o),
        });
      }
      completed = o === 'completed';
    }
    this.#sink.add(item, fields[c.worker as number] as string, fields[c.label as number] as string, line, completed, (c.label as number) + 1);
    if (c.gold !== undefined) this.#sink.addGold(item, fields[c.gold] as string, line, c.gold + 1);
  };

  finish(): LongFormatData {
    if (this.#columns === undefined) throw new CrowdError('PARSE_ERROR', 'no labels', { source: this.#source, expected: 'at least one row' });
    const data = this.#sink.finish();
    this.#checkFirstRecord(data.labels);
    return data;
  }

  /**
   * A first row whose item, worker and label each occur nowhere else is a
   * header with names nobody recognised (`image,annotator_name,class`), read
   * as a label: an error asking for the columns, unless the file is that
   * small or the user said there is no header.
   */
  #checkFirstRecord(labels: CrowdLabels): void {
    const first = this.#firstRecord;
    if (first === undefined || labels.numLabels < 3) return;
    const i = labels.items.indexOf(first.item);
    const r = labels.workers.indexOf(first.worker);
    const k = labels.classes.indexOf(first.label);
    if (i < 0 || r < 0 || k < 0) return;
    if (labels.itemDegree(i) !== 1 || labels.workerDegree(r) !== 1) return;
    let classCount = 0;
    for (let e = 0; e < labels.numLabels && classCount < 2; e++) if (labels.label[e] === k) classCount++;
    if (classCount !== 1) return;
    throw new CrowdError('PARSE_ERROR', 'the first row looks like a header: its item, worker and label occur nowhere else', {
      source: this.#source,
      line: 1,
      expected: '--columns item=<name>,worker=<name>,label=<name> to read it as a header, or --no-header to keep it as a label',
      found: `${first.item},${first.worker},${first.label}`,
    });
  }
}

/** The delimiter of a long file: the option, else `.tsv`, else detected from the first line. */
export function pickDelimiter(option: LongFormatOptions['delimiter'], firstText: string, source: string): Delimiter {
  if (option !== undefined && option !== 'auto') return option;
  if (/\.tsv$/i.test(source)) return '\t';
  const firstLine = firstText.slice(0, firstText.search(/[\r\n]|$/));
  if (firstLine.includes('\t')) return '\t';
  // a semicolon-separated export (spreadsheets in locales with a decimal comma)
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

/** Reads long-format labels (one label per row) from a string. */
export function readLongLabels(text: string, options: LongFormatOptions = {}): LongFormatData {
  const source = options.source ?? 'text';
  const acc = new LongFormatAccumulator(options, source);
  const parser = new DelimitedParser(pickDelimiter(options.delimiter, text, source), source, acc.record);
  parser.push(text);
  parser.end();
  return acc.finish();
}

/** Options of {@link readLongGold}. */
export interface LongGoldOptions {
  /** Field separator; `'auto'` as for labels. */
  delimiter?: Delimiter | 'auto';
  /** Whether the first record is a header; `'auto'` (default) detects `question,truth`, `task,true_label`, ... */
  header?: boolean | 'auto';
  /** Item and gold columns by name or position; headerless default: item 0, gold 1. */
  columns?: Pick<ColumnMapping, 'item' | 'gold'>;
  /** Gold for items without crowd labels: `'error'` (default) or `'ignore'`. */
  unknownItems?: 'error' | 'ignore';
  /** With `unknownItems: 'ignore'`, called once with how many rows named an item the labels do not have, and the first such id (for a warning). */
  onUnknownItems?: (count: number, example: string) => void;
  /** Name used in error messages. */
  source?: string;
}

/** Reads a gold file (`item, label` per row) against a label matrix's ids. */
export function readLongGold(text: string, labels: CrowdLabels, options: LongGoldOptions = {}): GoldLabels {
  const source = options.source ?? 'gold';
  const pairs: { item: string; label: string }[] = [];
  const lines: number[] = [];
  let cols: ResolvedColumns | undefined;
  const roles: ColumnRole[] = ['item', 'gold'];
  const parser = new DelimitedParser(pickDelimiter(options.delimiter, text, source), source, (fields, line) => {
    if (cols === undefined) {
      // a gold file may name its gold column as a label (`item,label`, `task,label`): the label is the gold there
      const labelAsGold = findKnown(fields, 'gold') < 0 && findKnown(fields, 'item') >= 0 && findKnown(fields, 'label') >= 0;
      const header = options.header === true || (options.header !== false && (looksLikeHeader(fields, roles) || labelAsGold));
      const mapping: ColumnMapping = { ...options.columns };
      if (header && labelAsGold && mapping.gold === undefined) mapping.gold = (fields[findKnown(fields, 'label')] as string).trim();
      cols = resolveColumns(header ? fields : undefined, mapping, { item: 0, gold: 1 }, { source, line }, roles);
      if (cols.item === undefined || cols.gold === undefined) {
        throw new CrowdError('PARSE_ERROR', 'no item or gold column', {
          source,
          line,
          expected: 'a header such as question,truth or task,true_label, or the columns option',
          found: fields.join(','),
        });
      }
      if (header) return;
    }
    const width = Math.max(cols.item as number, cols.gold as number) + 1;
    if (fields.length < width) {
      throw new CrowdError('PARSE_ERROR', 'too few fields', {
        source,
        line,
        expected: `at least ${width} fields`,
        found: String(fields.length),
      });
    }
    pairs.push({ item: fields[cols.item as number] as string, label: fields[cols.gold as number] as string });
    lines.push(line);
  });
  parser.push(text);
  parser.end();
  const gold = GoldLabels.fromObservations(labels, pairs, {
    source,
    lineOfRow: (r) => lines[r] as number,
    unknownItems: options.unknownItems ?? 'error',
  });
  if (options.onUnknownItems !== undefined) {
    const unknown = pairs.filter((p) => labels.items.indexOf(p.item) < 0);
    if (unknown.length > 0) options.onUnknownItems(unknown.length, (unknown[0] as { item: string }).item);
  }
  return gold;
}
