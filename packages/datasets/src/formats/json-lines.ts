import { CrowdError, originName, type CrowdLabels, type ExternalId, type GoldLabels } from '@crowdlearn/core-matrix';
import { LineSplitter } from '../text/line-splitter.js';
import { LabelRecordSink, type LabelRecordOptions, type LabelRecordsData } from './label-records.js';

/** Options of {@link readJsonLines}. */
export interface JsonLinesOptions extends LabelRecordOptions {
  /** The keys of the item, worker, label (and gold) fields, when they are not among the known ones. */
  columns?: Partial<Record<'item' | 'worker' | 'label' | 'gold', string>>;
}

/** What {@link readJsonLines} returns. */
export type JsonLinesData = LabelRecordsData;

/**
 * The keys recognised without options, by role: crowdlearn's and crowd-kit's
 * (`item` / `task`, `worker`, `label`), the truth-inference benchmark's
 * (`question`, `answer`), and Prodigy's (`_input_hash`, `_annotator_id` /
 * `_session_id`, `accept` for a choice interface).
 */
export const KNOWN_JSON_KEYS: Readonly<Record<'item' | 'worker' | 'label' | 'gold', readonly string[]>> = {
  item: ['item', 'task', 'question', 'example', 'item_id', 'task_id', '_input_hash'],
  worker: ['worker', 'annotator', 'worker_id', 'annotator_id', '_annotator_id', '_session_id', 'user'],
  label: ['accept', 'label', 'answer', 'annotation', 'response'],
  gold: ['gold', 'truth', 'true_label'],
};

/** One record's field for `role`: the key `columns` names, else the first known key present. */
function keyOf(record: Record<string, unknown>, role: keyof typeof KNOWN_JSON_KEYS, columns: JsonLinesOptions['columns']): string | undefined {
  const given = columns?.[role];
  if (given !== undefined) return given;
  return KNOWN_JSON_KEYS[role].find((k) => record[k] !== undefined && record[k] !== null);
}

/**
 * Feeds one JSON record (`{"item", "worker", "label"}` or a known variant)
 * to a sink. A Prodigy choice (`"accept": ["cat"]`) gives its single
 * choice; a rejected or ignored Prodigy answer (`"answer": "reject"`) is
 * left out. A missing or non-scalar field is an error naming the line.
 */
export function addJsonRecord(sink: LabelRecordSink, o: Record<string, unknown>, line: number, options: JsonLinesOptions, source: string): void {
  const field = (role: keyof typeof KNOWN_JSON_KEYS): ExternalId => {
    const key = keyOf(o, role, options.columns);
    let v = key === undefined ? undefined : o[key];
    if (key === 'accept' && Array.isArray(v) && v.length === 1) v = v[0];
    if (typeof v !== 'string' && (typeof v !== 'number' || !Number.isFinite(v))) {
      throw new CrowdError('PARSE_ERROR', `no ${role} field`, {
        source,
        line,
        expected: `a string or number under ${options.columns?.[role] !== undefined ? JSON.stringify(options.columns[role]) : `one of ${KNOWN_JSON_KEYS[role].join(', ')} (or --columns ${role}=<key>)`}`,
        found: key === undefined ? `keys ${Object.keys(o).join(', ')}` : JSON.stringify(v),
      });
    }
    return v;
  };
  if (o.answer === 'reject' || o.answer === 'ignore') return sink.skip(`with a Prodigy "${o.answer}" answer`);
  const origin = o.origin;
  if (origin !== undefined && origin !== 'observed' && origin !== 'completed') {
    throw new CrowdError('PARSE_ERROR', 'unknown origin', { source, line, expected: '"observed" or "completed"', found: JSON.stringify(origin) });
  }
  const item = field('item');
  sink.add(item, field('worker'), field('label'), line, origin === 'completed');
  if (keyOf(o, 'gold', options.columns) !== undefined) sink.addGold(item, field('gold'), line);
}

/**
 * Accumulates JSON Lines text fed in chunks into labels: the engine of
 * {@link readJsonLines} and of the streaming file reader.
 */
export class JsonLinesAccumulator {
  readonly #options: JsonLinesOptions;
  readonly #source: string;
  readonly #sink: LabelRecordSink;
  readonly #lines: LineSplitter;

  constructor(options: JsonLinesOptions = {}) {
    this.#options = options;
    this.#source = options.source ?? 'labels.jsonl';
    this.#sink = new LabelRecordSink(options, this.#source);
    this.#lines = new LineSplitter(this.#source, this.#record);
  }

  /** Feeds the next chunk of text. */
  push(text: string): void {
    this.#lines.push(text);
  }

  /** The labels read; no record at all is an error. */
  finish(): JsonLinesData {
    this.#lines.end();
    return this.#sink.finish();
  }

  #record = (raw: string, line: number): void => {
    const source = this.#source;
    if (line === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    if (raw.trim() === '') return;
    let rec: unknown;
    try {
      rec = JSON.parse(raw);
    } catch (err) {
      throw new CrowdError('PARSE_ERROR', 'not valid JSON', { source, line, cause: err, found: String((err as Error).message) });
    }
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      throw new CrowdError('PARSE_ERROR', 'a record must be a JSON object', { source, line, expected: '{"item": ..., "worker": ..., "label": ...}' });
    }
    addJsonRecord(this.#sink, rec as Record<string, unknown>, line, this.#options, source);
  };
}

/**
 * Reads JSON Lines: one object per line with the item, worker and label
 * under known keys ({@link KNOWN_JSON_KEYS}: `item` or `task`, `worker`,
 * `label`, ...) or those `columns` names, optional `origin` (`"observed"` /
 * `"completed"`) and optional gold. Blank lines are skipped.
 */
export function readJsonLines(text: string, options: JsonLinesOptions = {}): JsonLinesData {
  const acc = new JsonLinesAccumulator(options);
  acc.push(text);
  return acc.finish();
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
