import { CrowdError, GoldLabels, type CrowdLabels } from '@crowdlearn/core-matrix';
import { parseDelimited } from './delimited-parser.js';
import type { LabelFormat } from './label-file-format.js';
import { readLongGold } from './long-format.js';

/** Options of {@link readGoldText}. */
export interface GoldTextOptions {
  /** The gold file's name, for errors and warnings. */
  source: string;
  /** The labels file's format: a Rodrigues matrix's gold is one class index per row. Default long. */
  format?: LabelFormat;
  /** Where a warning goes (gold rows for items without labels). */
  onWarning?: (message: string) => void;
}

/**
 * A gold file for a labels file, as the CLI's `--gold` and the web app read
 * it: `question,truth` / `task,true_label` / headerless `item label` (the
 * separator from the first line: tab, comma, else spaces), or for a
 * Rodrigues matrix one class index per row. Gold that names no item of the
 * labels is an error; rows for unknown items are one warning with the count.
 */
export function readGoldText(text: string, labels: CrowdLabels, options: GoldTextOptions): GoldLabels {
  const { source } = options;
  if (options.format === 'rodrigues') {
    const rows = parseDelimited(text, 'whitespace', source);
    return GoldLabels.fromArray(
      rows.map(({ fields, line }) => {
        if (!/^\d+$/.test(fields[0] ?? '')) throw new CrowdError('PARSE_ERROR', 'not a class index', { source, line, expected: 'a whole number in digits', found: JSON.stringify(fields[0]) });
        return Number(fields[0]);
      }),
      labels.numClasses,
    );
  }
  const first = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const delimiter = first.includes('\t') ? '\t' : first.includes(',') ? ',' : 'whitespace';
  let unknown: { count: number; example: string } | undefined;
  const gold = readLongGold(text, labels, { source, delimiter, unknownItems: 'ignore', onUnknownItems: (count, example) => (unknown = { count, example }) });
  // gold rows for items the labels do not have are skipped; when that is every row, no accuracy could be reported
  if (gold.size === 0) {
    throw new CrowdError('INVALID_ARGUMENT', text.trim() === '' ? 'the gold file is empty' : 'the gold file names no item of the labels', {
      source,
      expected: 'gold rows whose item ids appear in the labels file',
      ...(unknown !== undefined ? { found: `${unknown.count} rows for other items, e.g. ${JSON.stringify(unknown.example)}` } : {}),
    });
  }
  if (unknown !== undefined) options.onWarning?.(`${source}: ${unknown.count} gold row${unknown.count === 1 ? '' : 's'} for items without labels left out (e.g. ${JSON.stringify(unknown.example)})`);
  return gold;
}
