import { CrowdError, CrowdLabelsBuilder, GoldLabels, originName, type CrowdLabels, type DuplicatePolicy, type ExternalId } from '@crowdlearn/core-matrix';

/** Options of {@link readJsonLines}. */
export interface JsonLinesOptions {
  /** The class list in index order (default: the classes seen, sorted). */
  classes?: readonly ExternalId[];
  /** Repeated (item, worker) records. Default `'error'`. */
  duplicatePolicy?: DuplicatePolicy;
  /** Name used in error messages. */
  source?: string;
}

/** What {@link readJsonLines} returns. */
export interface JsonLinesData {
  /** The labels. */
  labels: CrowdLabels;
  /** Gold, from records' `gold` fields. */
  gold?: GoldLabels;
}

/**
 * Reads JSON Lines: one object per line with `item`, `worker`, `label`
 * (strings or numbers), optional `origin` (`"observed"` / `"completed"`) and
 * optional `gold` (the item's true class). Blank lines are skipped.
 */
export function readJsonLines(text: string, options: JsonLinesOptions = {}): JsonLinesData {
  const source = options.source ?? 'labels.jsonl';
  const lineOfRow: number[] = [];
  const builder = new CrowdLabelsBuilder({
    source,
    lineOfRow: (r) => lineOfRow[r] as number,
    duplicatePolicy: options.duplicatePolicy ?? 'error',
    ...(options.classes !== undefined ? { classes: options.classes } : {}),
  });
  const gold: { item: ExternalId; label: ExternalId; line: number }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, j) => {
    const line = j + 1;
    if (raw.trim() === '') return;
    let rec: unknown;
    try {
      rec = JSON.parse(raw);
    } catch (err) {
      throw new CrowdError('PARSE_ERROR', 'not valid JSON', { source, line, cause: err, found: String((err as Error).message) });
    }
    const o = rec as Record<string, unknown>;
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      throw new CrowdError('PARSE_ERROR', 'a record must be a JSON object', { source, line, expected: '{"item": ..., "worker": ..., "label": ...}' });
    }
    const id = (key: string): ExternalId => {
      const v = o[key];
      if (typeof v !== 'string' && (typeof v !== 'number' || !Number.isFinite(v))) {
        throw new CrowdError('PARSE_ERROR', `field ${JSON.stringify(key)} is missing or not a string or number`, {
          source,
          line,
          expected: 'a string or a number',
          found: JSON.stringify(v),
        });
      }
      return v;
    };
    const origin = o.origin;
    if (origin !== undefined && origin !== 'observed' && origin !== 'completed') {
      throw new CrowdError('PARSE_ERROR', 'unknown origin', { source, line, expected: '"observed" or "completed"', found: JSON.stringify(origin) });
    }
    lineOfRow.push(line);
    builder.add(id('item'), id('worker'), id('label'), origin === 'completed');
    if (o.gold !== undefined && o.gold !== null) gold.push({ item: id('item'), label: id('gold'), line });
  });
  const labels = builder.build();
  if (gold.length === 0) return { labels };
  return {
    labels,
    gold: GoldLabels.fromObservations(labels, gold, { source, lineOfRow: (r) => (gold[r] as { line: number }).line }),
  };
}

/** JSON Lines text of a label matrix: one `{"item","worker","label","origin"}` object per label, plus `gold` when given. */
export function writeJsonLines(labels: CrowdLabels, gold?: GoldLabels): string {
  const out: string[] = [];
  for (let e = 0; e < labels.numLabels; e++) {
    const i = labels.item[e] as number;
    const rec: Record<string, ExternalId> = {
      item: labels.items.idOf(i),
      worker: labels.workers.idOf(labels.worker[e] as number),
      label: labels.classes.idOf(labels.label[e] as number),
      origin: originName(labels.originOf(e)),
    };
    const g = gold?.get(i);
    if (g !== undefined) rec.gold = labels.classes.idOf(g);
    out.push(JSON.stringify(rec));
  }
  return out.join('\n') + '\n';
}
