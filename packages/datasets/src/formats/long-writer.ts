import { originName, type CrowdLabels, type GoldLabels } from '@crowdlearn/core-matrix';

/** Options of {@link writeLongCsv}. */
export interface LongWriterOptions {
  /** Field separator. Default `','`. */
  delimiter?: ',' | '\t';
  /** Column names. Default crowd-kit's `task`, `worker`, `label`. */
  names?: Partial<Record<'item' | 'worker' | 'label', string>>;
  /** Write the `origin` column (`observed` / `completed`). Default: when some label is completed. */
  origin?: boolean;
  /** Also write a `true_label` column from gold (empty for items without gold). */
  gold?: GoldLabels;
}

/**
 * Long-format CSV of a label matrix, one label per row with external ids, in
 * canonical order. Fields are quoted where needed. Reads back with
 * `readLongLabels` (the origin and gold columns are recognised).
 */
export function writeLongCsv(labels: CrowdLabels, options: LongWriterOptions = {}): string {
  const d = options.delimiter ?? ',';
  const names = { item: 'task', worker: 'worker', label: 'label', ...options.names };
  const withOrigin = options.origin ?? labels.origin !== null;
  const header = [names.item, names.worker, names.label];
  if (withOrigin) header.push('origin');
  if (options.gold !== undefined) header.push('true_label');
  const rows: string[] = [header.map((h) => quote(h, d)).join(d)];
  for (let e = 0; e < labels.numLabels; e++) {
    const i = labels.item[e] as number;
    const fields = [
      String(labels.items.idOf(i)),
      String(labels.workers.idOf(labels.worker[e] as number)),
      String(labels.classes.idOf(labels.label[e] as number)),
    ];
    if (withOrigin) fields.push(originName(labels.originOf(e)));
    if (options.gold !== undefined) {
      const g = options.gold.get(i);
      fields.push(g === undefined ? '' : String(labels.classes.idOf(g)));
    }
    rows.push(fields.map((f) => quote(f, d)).join(d));
  }
  return rows.join('\n') + '\n';
}

function quote(field: string, delimiter: string): string {
  return field.includes(delimiter) || /["\r\n]/.test(field) || field !== field.trim()
    ? `"${field.replaceAll('"', '""')}"`
    : field;
}
