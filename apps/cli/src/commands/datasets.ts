import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';
import { listDatasets, loadDataset, writeCekaGold, writeCekaResp, writeLongCsv, writeNpy } from '@crowdlearn/datasets';
import { printJson, writeOutput } from '../output.js';

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
    mkdirSync(o.out, { recursive: true });
    const force = o.force === true;
    const written: string[] = [];
    const write = async (file: string, data: string | Uint8Array) => {
      await writeOutput(join(o.out as string, file), data, force);
      written.push(file);
    };
    if (format === 'long') {
      await write(`${name}.csv`, writeLongCsv(d.labels));
      if (d.gold !== undefined) {
        await write(`${name}.gold.csv`, ['task,true_label', ...Array.from(d.gold.items, (i, j) => `${d.labels.items.idOf(i)},${d.labels.classes.idOf(d.gold!.labels[j]!)}`)].join('\n') + '\n');
      }
    } else {
      await write(`${name}.resp`, writeCekaResp(d.labels));
      if (d.gold !== undefined) await write(`${name}.gold`, writeCekaGold(d.labels, d.gold));
    }
    if (d.features !== undefined) await write(`${name}.features.npy`, writeNpy({ shape: [d.features.numRows, d.features.numCols], data: d.features.data }));
    if (o.json === true) return printJson({ dataset: name, format, out: o.out, files: written });
    process.stdout.write(`${written.map((f) => join(o.out as string, f)).join('\n')}\n`);
    return;
  }
  throw new CrowdError('INVALID_ARGUMENT', `unknown datasets action ${JSON.stringify(action)}`, { expected: 'list, info or export' });
}
