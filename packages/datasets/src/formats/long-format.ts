import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import {
  CrowdError,
  CrowdLabelsBuilder,
  GoldLabels,
  type CrowdLabels,
  type DuplicatePolicy,
  type ExternalId,
} from '@crowdlearn/core-matrix';
import { DelimitedParser, type Delimiter } from './delimited-parser.js';
import { looksLikeHeader, resolveColumns, type ColumnMapping, type ColumnRole, type ResolvedColumns } from './columns.js';
import { LineIndex } from '../internal/line-index.js';

/** Options of the long-format readers. */
export interface LongFormatOptions {
  /** Field separator; `'auto'` (default) picks tab if the first line has one, else comma. */
  delimiter?: Delimiter | 'auto';
  /** Whether the first record is a header; `'auto'` (default) detects known column names. */
  header?: boolean | 'auto';
  /**
   * Where the columns are, by header name or 0-based position. Known names are
   * recognised without it; a headerless file defaults to item, worker, label
   * in positions 0, 1, 2.
   */
  columns?: ColumnMapping;
  /** Repeated (item, worker) rows. Default `'error'`. */
  duplicatePolicy?: DuplicatePolicy;
  /** The class list in index order; default: the classes seen, sorted (numerically when numeric). */
  classes?: readonly ExternalId[];
  /** Name used in error messages; defaults to the file name. */
  source?: string;
}

/** What a long-format reader returns. */
export interface LongFormatData {
  /** The labels. */
  labels: CrowdLabels;
  /** Gold, when the file has a gold column (repeated on each row of an item). */
  gold?: GoldLabels;
}

const LABEL_ROLES: readonly ColumnRole[] = ['item', 'worker', 'label', 'gold', 'origin'];

/**
 * Accumulates long-format records into a label matrix. Internal engine of
 * {@link readLongLabels} and {@link readLongLabelsFile}.
 */
class LongFormatAccumulator {
  readonly #options: LongFormatOptions;
  readonly #source: string;
  readonly #lines = new LineIndex();
  #columns: ResolvedColumns | undefined;
  #width = 0;
  #builder: CrowdLabelsBuilder | undefined;
  readonly #gold = new Map<string, { label: string; line: number }>();

  constructor(options: LongFormatOptions, source: string) {
    this.#options = options;
    this.#source = source;
  }

  record = (fields: string[], line: number): void => {
    if (this.#columns === undefined) {
      const header =
        this.#options.header === true ||
        (this.#options.header !== false &&
          (Object.values(this.#options.columns ?? {}).some((c) => typeof c === 'string') ||
            looksLikeHeader(fields, LABEL_ROLES)));
      this.#columns = resolveColumns(
        header ? fields : undefined,
        this.#options.columns ?? {},
        { item: 0, worker: 1, label: 2 },
        { source: this.#source, line },
        LABEL_ROLES,
      );
      for (const role of ['item', 'worker', 'label'] as const) {
        if (this.#columns[role] === undefined) {
          throw new CrowdError('PARSE_ERROR', `no ${role} column`, {
            source: this.#source,
            line,
            expected: `a header naming the ${role} (e.g. ${role === 'item' ? 'task' : role}) or the columns option`,
            found: fields.join(','),
          });
        }
      }
      this.#width = Math.max(...Object.values(this.#columns)) + 1;
      this.#builder = new CrowdLabelsBuilder({
        source: this.#source,
        lineOfRow: this.#lines.lineOf,
        duplicatePolicy: this.#options.duplicatePolicy ?? 'error',
        ...(this.#options.classes !== undefined ? { classes: this.#options.classes } : {}),
      });
      if (header) return;
    }
    const c = this.#columns;
    if (fields.length < this.#width) {
      throw new CrowdError('PARSE_ERROR', 'too few fields', {
        source: this.#source,
        line,
        column: fields.length + 1,
        expected: `at least ${this.#width} fields`,
        found: String(fields.length),
      });
    }
    const item = fields[c.item as number] as string;
    const label = fields[c.label as number] as string;
    if (label === '') {
      throw new CrowdError('PARSE_ERROR', 'empty label', { source: this.#source, line, column: (c.label as number) + 1 });
    }
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
    this.#lines.add(line);
    (this.#builder as CrowdLabelsBuilder).add(item, fields[c.worker as number] as string, label, completed);
    const g = c.gold === undefined ? '' : (fields[c.gold] as string);
    if (c.gold !== undefined && g !== '') {
      const seen = this.#gold.get(item);
      if (seen === undefined) this.#gold.set(item, { label: g, line });
      else if (seen.label !== g) {
        throw new CrowdError('PARSE_ERROR', `item ${JSON.stringify(item)} has two different gold labels`, {
          source: this.#source,
          line,
          column: (c.gold as number) + 1,
          expected: JSON.stringify(seen.label) + ` (as on line ${seen.line})`,
          found: JSON.stringify(g),
        });
      }
    }
  };

  finish(): LongFormatData {
    if (this.#builder === undefined) {
      throw new CrowdError('PARSE_ERROR', 'no labels', { source: this.#source, expected: 'at least one row' });
    }
    const labels = this.#builder.build();
    if (this.#columns?.gold === undefined) return { labels };
    const entries = [...this.#gold.entries()];
    const gold = GoldLabels.fromObservations(
      labels,
      entries.map(([item, g]) => ({ item, label: g.label })),
      { source: this.#source, lineOfRow: (r) => (entries[r] as [string, { line: number }])[1].line },
    );
    return { labels, gold };
  }
}

function pickDelimiter(option: LongFormatOptions['delimiter'], firstText: string, source: string): Delimiter {
  if (option !== undefined && option !== 'auto') return option;
  if (/\.tsv$/i.test(source)) return '\t';
  const firstLine = firstText.slice(0, firstText.search(/[\r\n]|$/));
  return firstLine.includes('\t') ? '\t' : ',';
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

/**
 * Reads long-format labels from a file, streaming: the text is parsed chunk
 * by chunk and never held whole in memory.
 */
export async function readLongLabelsFile(path: string, options: LongFormatOptions = {}): Promise<LongFormatData> {
  const source = options.source ?? basename(path);
  const acc = new LongFormatAccumulator(options, source);
  let parser: DelimitedParser | undefined;
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      parser ??= new DelimitedParser(pickDelimiter(options.delimiter, chunk as string, source), source, acc.record);
      parser.push(chunk as string);
    }
  } catch (err) {
    if (err instanceof CrowdError) throw err;
    throw new CrowdError('IO_ERROR', `cannot read ${path}`, { source, cause: err, found: String((err as Error).message) });
  }
  parser?.end();
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
      const header = options.header === true || (options.header !== false && looksLikeHeader(fields, roles));
      const mapping: ColumnMapping = { ...options.columns };
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
  return GoldLabels.fromObservations(labels, pairs, {
    source,
    lineOfRow: (r) => lines[r] as number,
    unknownItems: options.unknownItems ?? 'error',
  });
}
