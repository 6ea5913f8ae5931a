import { CrowdError } from '@crowdlearn/core-matrix';
import { cekaRespLayout } from './ceka.js';
import { KNOWN_COLUMN_NAMES, type ColumnMapping } from './columns.js';
import type { Delimiter } from './delimited-parser.js';
import { readJsonExport } from './json-export.js';
import { readJsonLines } from './json-lines.js';
import type { LabelRecordOptions, LabelRecordsData } from './label-records.js';
import { readLongLabels } from './long-format.js';
import { readRodriguesMatrix } from './rodrigues.js';
import { readWideMatrix } from './wide-matrix.js';

/** The layouts of a labels file that the CLI and the web app read. */
export const LABEL_FORMATS = ['long', 'wide', 'jsonl', 'json', 'ceka', 'rodrigues'] as const;

/** One of {@link LABEL_FORMATS}. */
export type LabelFormat = (typeof LABEL_FORMATS)[number];

/** The separator of a wide matrix's header line: tab if it has one, else semicolon if it has one and no comma, else comma. */
export function wideDelimiter(firstLine: string): ',' | '\t' | ';' {
  return firstLine.includes('\t') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

/**
 * A header that names an item column first and no other known role, with
 * at least two more columns: a wide item x worker matrix (`item,alice,bob`).
 */
function looksWide(firstLine: string): boolean {
  const fields = firstLine.split(wideDelimiter(firstLine)).map((f) => f.trim().toLowerCase());
  if (fields.length < 3 || !KNOWN_COLUMN_NAMES.item.includes(fields[0] as string)) return false;
  const others = [...KNOWN_COLUMN_NAMES.worker, ...KNOWN_COLUMN_NAMES.label, ...KNOWN_COLUMN_NAMES.gold, ...KNOWN_COLUMN_NAMES.origin];
  return fields.slice(1).every((f) => !others.includes(f));
}

/**
 * The format of a labels file named `name` whose text starts with `head`:
 * `forced` when given (an unknown name is an INVALID_ARGUMENT error listing
 * the formats), else from the content (a JSON array or JSON objects,
 * whatever the extension; a Rodrigues integer matrix; a wide item x worker
 * header), else from the extension (`.resp`: CEKA), else long.
 */
export function detectLabelFormat(name: string, head: string, forced?: string): LabelFormat {
  if (forced !== undefined) {
    if (!(LABEL_FORMATS as readonly string[]).includes(forced)) {
      throw new CrowdError('INVALID_ARGUMENT', `unknown format ${JSON.stringify(forced)}`, { expected: LABEL_FORMATS.join(', ') });
    }
    return forced as LabelFormat;
  }
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) return 'jsonl';
  const ext = /(\.[^./\\]+)$/.exec(name.replace(/\.gz$/i, ''))?.[1]?.toLowerCase() ?? '';
  if (ext === '.resp') return 'ceka';
  const first = head.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '';
  const fields = first.trim().split(/\s+/);
  // An integer matrix with -1 for missing, wider than a label triple: Rodrigues' answers.txt.
  if (fields.length > 4 && !/[,\t;]/.test(first) && fields.every((f) => /^-?\d+$/.test(f))) return 'rodrigues';
  if (looksWide(first)) return 'wide';
  return 'long';
}

/** Options of {@link readLabelsText}: the reading policies, and what says where the labels are. */
export interface ReadLabelsOptions extends LabelRecordOptions {
  /** The file's name, for errors and format detection. */
  source: string;
  /** The format (default: {@link detectLabelFormat}). */
  format?: LabelFormat;
  /** Long and wide: the field separator (default: detected). */
  delimiter?: Delimiter;
  /** Long: the columns by role; JSON: the keys; wide: only `item`. */
  columns?: ColumnMapping;
  /** Long: `false` when the first row is a label whatever it looks like. */
  header?: boolean;
}

/**
 * Reads a labels file held as text in any of {@link LABEL_FORMATS}, with
 * the same readers and policies as the CLI (which streams the long, JSON
 * Lines, CEKA and Rodrigues layouts from disk instead): what the web app
 * runs on a dropped file.
 */
export function readLabelsText(text: string, options: ReadLabelsOptions): LabelRecordsData {
  const { source, format: forced, delimiter, columns, header, ...records } = options;
  const format = forced ?? detectLabelFormat(source, text.slice(0, 64 * 1024));
  switch (format) {
    case 'long':
      return readLongLabels(text, { ...options, source });
    case 'jsonl':
    case 'json': {
      const o = { ...records, source, ...(columns !== undefined ? { columns: columns as Record<string, string> } : {}) };
      return format === 'jsonl' ? readJsonLines(text, o) : readJsonExport(text, o);
    }
    case 'wide':
      return readWideMatrix(text, {
        ...records,
        source,
        delimiter: delimiter ?? wideDelimiter(text.split(/\r\n|\r|\n/, 1)[0] ?? ''),
        ...(typeof columns?.item === 'string' ? { itemColumn: columns.item } : {}),
      });
    case 'ceka':
      return readLongLabels(text, { ...cekaRespLayout({ name: source.replace(/\.resp(\.gz)?$/, '') }), source });
    case 'rodrigues':
      return { ...readRodriguesMatrix(text, { source }), warnings: [] };
  }
}
