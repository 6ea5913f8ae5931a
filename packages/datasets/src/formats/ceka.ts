import { CrowdError, Features, GoldLabels, type CrowdLabels, type DuplicatePolicy, type ExternalId } from '@crowdlearn/core-matrix';
import { readArff } from './arff.js';
import { parseDelimited } from './delimited-parser.js';
import { readLongGold, readLongLabels, type LongFormatOptions } from './long-format.js';

/** The files of a CEKA dataset, as text. */
export interface CekaFiles {
  /** `.resp`: whitespace-separated `worker item label`, one label per line. */
  resp: string;
  /** `.gold`: `item label` per line. */
  gold?: string;
  /** `.fea`: CSV `item, f1, ..., fd, label` (the trailing label is ignored; gold comes from `.gold`). */
  fea?: string;
  /** `.arff` / `.arffx`: features; with an `@ID-MAP` section the rows are matched to items by id, else by order. */
  arff?: string;
}

/** Options of {@link readCeka}. */
export interface CekaOptions {
  /** The class list in index order (default: the classes seen, sorted numerically when numeric). */
  classes?: readonly ExternalId[];
  /** Repeated (worker, item) lines. Default `'error'`. */
  duplicatePolicy?: DuplicatePolicy;
  /** A name for the dataset, used in error messages (`<name>.resp`, ...). Default `ceka`. */
  name?: string;
}

/** What {@link readCeka} returns. */
export interface CekaData {
  /** The labels. */
  labels: CrowdLabels;
  /** Gold, from `.gold` (or the class attribute of the ARFF when there is no `.gold`). */
  gold?: GoldLabels;
  /** Features aligned to `labels.items`, from `.fea` or `.arff(x)`. */
  features?: Features;
}

/** How a CEKA `.resp` file reads as long-format labels: whitespace-separated `worker item label`, no header. */
export function cekaRespLayout(options: CekaOptions = {}): LongFormatOptions {
  return {
    header: false,
    delimiter: 'whitespace',
    columns: { worker: 0, item: 1, label: 2 },
    duplicatePolicy: options.duplicatePolicy ?? 'error',
    source: `${options.name ?? 'ceka'}.resp`,
    ...(options.classes !== undefined ? { classes: options.classes } : {}),
  };
}

/**
 * Reads a CEKA dataset: `.resp` labels, optional `.gold`, and features from
 * `.fea` or `.arff` / `.arffx`. Features are matched to the label matrix's
 * items by id; an item without a feature row is a FEATURES_MISALIGNED error.
 */
export function readCeka(files: CekaFiles, options: CekaOptions = {}): CekaData {
  const name = options.name ?? 'ceka';
  const { labels } = readLongLabels(files.resp, cekaRespLayout(options));
  const out: CekaData = { labels };
  if (files.gold !== undefined) {
    out.gold = readLongGold(files.gold, labels, { header: false, delimiter: 'whitespace', source: `${name}.gold`, unknownItems: 'ignore' });
  }
  if (files.fea !== undefined) {
    const rows = parseDelimited(files.fea, ',', `${name}.fea`);
    const d = (rows[0]?.fields.length ?? 2) - 2;
    // each row is item, features..., label: the first row fixes the width, and it needs the two ends
    if (d < 0) {
      throw new CrowdError('PARSE_ERROR', 'too few fields', { source: `${name}.fea`, line: rows[0]?.line ?? 1, expected: 'at least 2 (item, features..., label)', found: String(rows[0]?.fields.length) });
    }
    const byId = new Map<string, Float32Array>();
    for (const { fields, line } of rows) {
      if (fields.length !== d + 2) {
        throw new CrowdError('PARSE_ERROR', 'wrong number of fields', {
          source: `${name}.fea`,
          line,
          expected: `${d + 2} (item, ${d} features, label)`,
          found: String(fields.length),
        });
      }
      const x = new Float32Array(d);
      for (let j = 0; j < d; j++) {
        const v = Number(fields[j + 1]);
        if (!Number.isFinite(v) || (fields[j + 1] as string).trim() === '') {
          throw new CrowdError('PARSE_ERROR', 'non-numeric feature', {
            source: `${name}.fea`,
            line,
            column: j + 2,
            expected: 'a number',
            found: JSON.stringify(fields[j + 1]),
          });
        }
        x[j] = v;
      }
      const id = (fields[0] as string).trim();
      if (byId.has(id)) throw new CrowdError('PARSE_ERROR', `item ${JSON.stringify(id)} has a second feature row`, { source: `${name}.fea`, line, expected: 'one row per item' });
      byId.set(id, x);
    }
    out.features = alignById(labels, byId, d, Array.from({ length: d }, (_, j) => `f${j}`), `${name}.fea`);
  } else if (files.arff !== undefined) {
    const arff = readArff(files.arff, { source: `${name}.arff` });
    const f = arff.features;
    if (arff.ids !== undefined) {
      const byId = new Map<string, Float32Array>();
      arff.ids.forEach((id, r) => byId.set(id, f.row(r)));
      out.features = alignById(labels, byId, f.numCols, f.columnNames, `${name}.arff`);
    } else {
      f.assertAligned(labels, `${name}.arff`);
      out.features = f;
    }
    if (out.gold === undefined && arff.classes !== undefined && arff.ids !== undefined) {
      const ids = arff.ids;
      const classes = arff.classes;
      out.gold = GoldLabels.fromObservations(
        labels,
        ids.map((id, r) => ({ item: id, label: classes[r] as string })),
        { source: `${name}.arff`, unknownItems: 'ignore' },
      );
    }
  }
  return out;
}

function alignById(labels: CrowdLabels, byId: Map<string, Float32Array>, d: number, names: readonly string[], source: string): Features {
  const data = new Float32Array(labels.numItems * d);
  for (let i = 0; i < labels.numItems; i++) {
    const id = String(labels.items.idOf(i));
    const x = byId.get(id);
    if (x === undefined) {
      throw new CrowdError('FEATURES_MISALIGNED', `no feature row for item ${JSON.stringify(id)}`, {
        source,
        expected: 'one row per labelled item',
      });
    }
    data.set(x, i * d);
  }
  return new Features(data, labels.numItems, d, names);
}

/** CEKA `.resp` text of a label matrix (`worker item label`, tab-separated). Ids must not contain whitespace. */
export function writeCekaResp(labels: CrowdLabels): string {
  const out: string[] = [];
  for (let e = 0; e < labels.numLabels; e++) {
    out.push(
      [labels.workers.idOf(labels.worker[e] as number), labels.items.idOf(labels.item[e] as number), labels.classes.idOf(labels.label[e] as number)]
        .map((v) => checkToken(String(v)))
        .join('\t'),
    );
  }
  return out.join('\n') + '\n';
}

/** CEKA `.gold` text (`item label` per gold item). */
export function writeCekaGold(labels: CrowdLabels, gold: GoldLabels): string {
  const out: string[] = [];
  for (let j = 0; j < gold.size; j++) {
    out.push(`${checkToken(String(labels.items.idOf(gold.items[j] as number)))}\t${checkToken(String(labels.classes.idOf(gold.labels[j] as number)))}`);
  }
  return out.join('\n') + '\n';
}

function checkToken(s: string): string {
  if (s === '' || /\s/.test(s)) {
    throw new CrowdError('INVALID_ARGUMENT', 'CEKA files cannot hold an empty id or one with whitespace', { found: JSON.stringify(s) });
  }
  return s;
}
