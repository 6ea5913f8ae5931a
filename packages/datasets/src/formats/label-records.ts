import { CrowdError, CrowdLabelsBuilder, GoldLabels, type CrowdLabels, type DuplicatePolicy, type ExternalId } from '@crowdlearn/core-matrix';

/** How a reader turns records into labels: the policies every label reader shares. */
export interface LabelRecordOptions {
  /** The class list in index order; default: the classes seen, sorted (numerically when numeric). */
  classes?: readonly ExternalId[];
  /** Repeated (item, worker) records: `'error'` (default), `'keepFirst'` or `'keepLast'`. */
  duplicatePolicy?: DuplicatePolicy;
  /** A record with an empty label: `'error'` (default, naming the line) or `'skip'` (counted in the warnings). */
  emptyLabels?: 'error' | 'skip';
  /** Trim labels and fold their case, so that `cat`, `Cat` and `cat ` are one class. Default false. */
  normalizeLabels?: boolean;
  /** Name used in error messages. */
  source?: string;
}

/** What a label reader returns. */
export interface LabelRecordsData {
  /** The labels. */
  labels: CrowdLabels;
  /** Gold, when the input carried it. */
  gold?: GoldLabels;
  /** What the user should know about the reading: records skipped (rejected assignments, empty labels) and why. */
  warnings: string[];
}

/**
 * Collects label records (item, worker, label, line) into a label matrix
 * with the shared policies: empty labels, label normalisation, duplicates,
 * and gold given on the records. Readers of every format feed it.
 */
export class LabelRecordSink {
  readonly #source: string;
  readonly #options: LabelRecordOptions;
  readonly #lines: number[] = [];
  readonly #builder: CrowdLabelsBuilder;
  readonly #gold = new Map<string, { item: ExternalId; label: ExternalId; line: number }>();
  readonly #skipped = new Map<string, number>();
  /** Ids with spaces at an end, by role: kept as written, reported once with the count. */
  readonly #spacedIds = { item: new Set<string>(), worker: new Set<string>() };

  constructor(options: LabelRecordOptions, source: string) {
    this.#options = options;
    this.#source = source;
    this.#builder = new CrowdLabelsBuilder({
      source,
      lineOfRow: (r) => this.#lines[r] as number,
      duplicatePolicy: options.duplicatePolicy ?? 'error',
      ...(options.classes !== undefined ? { classes: options.classes } : {}),
    });
  }

  /** A label as the policies read it: trimmed and case-folded with `normalizeLabels`. */
  #label(label: string): string {
    return this.#options.normalizeLabels === true ? label.trim().toLowerCase() : label;
  }

  /** Adds one record; an empty label is an error naming the line, or skipped with `emptyLabels: 'skip'`. */
  add(item: ExternalId, worker: ExternalId, rawLabel: ExternalId, line: number, completed = false, column?: number): void {
    const label = typeof rawLabel === 'string' ? this.#label(rawLabel) : rawLabel;
    if (label === '') {
      if (this.#options.emptyLabels === 'skip') return this.skip('with an empty label');
      throw new CrowdError('PARSE_ERROR', 'empty label', { source: this.#source, line, ...(column !== undefined ? { column } : {}), expected: 'a label (or --empty skip)' });
    }
    this.#checkId('item', item, line);
    this.#checkId('worker', worker, line);
    this.#lines.push(line);
    this.#builder.add(item, worker, label, completed);
  }

  /**
   * An id that cannot be what the user meant is an error naming the line:
   * empty, or holding a NUL or a byte-order mark (binary data, or two files
   * joined). Spaces at an end are kept (`a` and `a ` stay two ids) and
   * counted for a warning.
   */
  #checkId(role: 'item' | 'worker', id: ExternalId, line: number): void {
    if (typeof id !== 'string') return;
    const fail = (what: string, expected: string) => new CrowdError('PARSE_ERROR', `${role} id ${what}`, { source: this.#source, line, expected, found: JSON.stringify(id) });
    if (id === '') throw fail('is empty', `a ${role} id`);
    if (id.includes('\u0000')) throw fail('holds a NUL character', 'text (is the file binary?)');
    if (id.includes('\uFEFF')) throw fail('holds a byte-order mark', 'one file (a byte-order mark inside a file usually means two files were joined)');
    const first = id.charCodeAt(0);
    const last = id.charCodeAt(id.length - 1);
    if (first <= 32 || last <= 32 || first === 0xa0 || last === 0xa0) this.#spacedIds[role].add(id);
  }

  /** Records the item's gold label; two different gold labels for one item are an error naming the line. */
  addGold(item: ExternalId, rawLabel: ExternalId, line: number, column?: number): void {
    const g = typeof rawLabel === 'string' ? this.#label(rawLabel) : rawLabel;
    if (g === '') return;
    const key = String(item);
    const seen = this.#gold.get(key);
    if (seen === undefined) this.#gold.set(key, { item, label: g, line });
    else if (seen.label !== g) {
      throw new CrowdError('PARSE_ERROR', `item ${JSON.stringify(key)} has two different gold labels`, {
        source: this.#source,
        line,
        ...(column !== undefined ? { column } : {}),
        expected: JSON.stringify(seen.label) + ` (as on line ${seen.line})`,
        found: JSON.stringify(g),
      });
    }
  }

  /** Counts a record left out, by reason ("rejected assignment", "with an empty label"). */
  skip(reason: string): void {
    this.#skipped.set(reason, (this.#skipped.get(reason) ?? 0) + 1);
  }

  /** The label matrix, its gold, and the warnings. No record at all is an error. */
  finish(): LabelRecordsData {
    if (this.#builder.length === 0) throw new CrowdError('PARSE_ERROR', 'no labels', { source: this.#source, expected: 'at least one labelled record' });
    const labels = this.#builder.build();
    const warnings = [...this.#skipped.entries()].map(([reason, n]) => `${this.#source}: ${n} record${n === 1 ? '' : 's'} ${reason} left out`);
    for (const role of ['item', 'worker'] as const) {
      const spaced = [...this.#spacedIds[role]];
      if (spaced.length > 0) {
        warnings.push(`${this.#source}: ${spaced.length} ${role} id${spaced.length === 1 ? '' : 's'} with spaces at the start or end, kept as written (e.g. ${JSON.stringify(spaced[0])})`);
      }
    }
    if (this.#gold.size === 0) return { labels, warnings };
    const entries = [...this.#gold.entries()];
    const gold = GoldLabels.fromObservations(
      labels,
      entries.map(([, g]) => ({ item: g.item, label: g.label })),
      { source: this.#source, lineOfRow: (r) => (entries[r] as [string, { line: number }])[1].line },
    );
    return { labels, gold, warnings };
  }
}

/**
 * Groups of class names that differ only in case or surrounding spaces
 * (`cat`, `Cat`, `cat `): likely one class typed several ways. Empty when
 * there are none.
 */
export function similarClassNames(labels: CrowdLabels): string[][] {
  const groups = new Map<string, string[]>();
  for (const id of labels.classes.ids()) {
    const name = String(id);
    const key = name.trim().toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
