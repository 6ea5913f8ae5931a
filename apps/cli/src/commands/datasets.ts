import { join } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';
import { listDatasets, loadDataset, writeCekaGold, writeCekaResp, writeFolderAtomic, writeLongCsv, writeNpy, type FolderFile } from '@crowdlearn/datasets';
import { itemIdLines, printJson } from '../output.js';

/** Options of the `crowdlearn datasets` subcommands. */
export interface DatasetsCommandOptions {
  json?: boolean;
  format?: string;
  out?: string;
  force?: boolean;
}

/** `datasets list`, `datasets info <name>`, `datasets export <name> --format long|ceka --out <dir>`. */
export async function datasetsCommand(action: string | undefined, name: string | undefined, o: DatasetsCommandOptions): Promise<void> {
  if (action === undefined || action === 'list') {
    const metas = listDatasets();
    if (o.json === true) return printJson(metas);
    const rows = metas.map((m) => `${m.name.padEnd(22)} ${String(m.items).padStart(6)} items ${String(m.workers).padStart(4)} workers ${String(m.labels).padStart(7)} labels ${String(m.classes).padStart(2)} classes ${m.featureDim > 0 ? `${m.featureDim}-d features` : 'labels only'}  ${m.terms.padEnd(14)} ${m.license.split(/[;(]/)[0]?.trim()}`);
    process.stdout.write(rows.join('\n') + '\n');
    return;
  }
  if (name === undefined) throw new CrowdError('INVALID_ARGUMENT', `datasets ${action} needs a dataset name`, { expected: 'crowdlearn datasets list' });
  if (action === 'info') {
    const meta = listDatasets().find((m) => m.name === name) ?? loadDataset(name).meta;
    if (o.json === true) return printJson(meta);
    process.stdout.write(
      Object.entries(meta)
        .map(([k, v]) => `${k.padEnd(12)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join('\n') + '\n',
    );
    return;
  }
  if (action === 'export') {
    const format = o.format ?? 'long';
    if (format !== 'long' && format !== 'ceka') throw new CrowdError('INVALID_ARGUMENT', `unknown export format ${JSON.stringify(format)}`, { expected: 'long or ceka' });
    if (o.out === undefined) throw new CrowdError('INVALID_ARGUMENT', 'datasets export needs --out <dir>');
    const d = loadDataset(name);
    const set: FolderFile[] = [];
    if (format === 'long') {
      set.push({ name: `${name}.csv`, data: writeLongCsv(d.labels) });
      if (d.gold !== undefined) {
        set.push({ name: `${name}.gold.csv`, data: ['task,true_label', ...Array.from(d.gold.items, (i, j) => `${d.labels.items.idOf(i)},${d.labels.classes.idOf(d.gold!.labels[j]!)}`)].join('\n') + '\n' });
      }
    } else {
      set.push({ name: `${name}.resp`, data: writeCekaResp(d.labels) });
      if (d.gold !== undefined) set.push({ name: `${name}.gold`, data: writeCekaGold(d.labels, d.gold) });
    }
    if (d.features !== undefined) {
      set.push({ name: `${name}.features.npy`, data: writeNpy({ shape: [d.features.numRows, d.features.numCols], data: d.features.data }) });
      set.push({ name: `${name}.features.ids.txt`, data: itemIdLines(d.labels) });
    }
    // one set: a kill or a full disk leaves the previous export or this one, never a mix
    await writeFolderAtomic(o.out, set, { writtenBy: `crowdlearn datasets export ${name}`, replace: o.force === true });
    const written = set.map((f) => f.name);
    if (o.json === true) return printJson({ dataset: name, format, out: o.out, files: written });
    process.stdout.write(`${written.map((f) => join(o.out as string, f)).join('\n')}\n`);
    return;
  }
  throw new CrowdError('INVALID_ARGUMENT', `unknown datasets action ${JSON.stringify(action)}`, { expected: 'list, info or export' });
}
