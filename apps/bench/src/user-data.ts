import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';
import { alignFeatureRows, readFeatureTableText, readLabelsText, readLongGold, readTextFile } from '@crowdlearn/datasets';
import type { UserData } from './suites/options.js';

/** The files of one `--data <file> [--gold <file>] [--features <file>]` group, as given. */
export interface UserDataFiles {
  data: string;
  /** The crowd's name in the report (`bench reproduce` keeps the recorded one); default from the file. */
  name?: string;
  gold?: string;
  features?: string;
}

/** A user crowd as results.json records it: its name, the files' absolute paths and their SHA-256, so that `bench reproduce` reads the same bytes. */
export interface UserDataRecord {
  name: string;
  data: string;
  gold?: string;
  features?: string;
  sha256: Record<string, string>;
}

const GROUP_FLAGS = ['data', 'gold', 'features'] as const;

/**
 * The `--data` groups of a command line, in order: each `--data` starts a
 * crowd, and a `--gold` or `--features` after it (before the next `--data`)
 * belongs to it. A `--gold` before any `--data`, or a second one for the same
 * crowd, is a usage error naming the flag.
 */
export function userDataGroups(argv: readonly string[]): UserDataFiles[] {
  const groups: UserDataFiles[] = [];
  for (let j = 0; j < argv.length; j++) {
    const token = argv[j] as string;
    const match = /^--(data|gold|features)(?:=(.*))?$/.exec(token);
    if (match === null) continue;
    const flag = match[1] as (typeof GROUP_FLAGS)[number];
    const value = match[2] ?? argv[++j];
    if (value === undefined || value === '') throw new CrowdError('INVALID_ARGUMENT', `--${flag} needs a file`, { expected: `--${flag} <file>` });
    if (flag === 'data') {
      groups.push({ data: value });
      continue;
    }
    const group = groups.at(-1);
    if (group === undefined) throw new CrowdError('INVALID_ARGUMENT', `--${flag} ${value} comes before any --data`, { expected: `--data <file> --${flag} <file>: a --${flag} belongs to the --data before it` });
    if (group[flag] !== undefined) throw new CrowdError('INVALID_ARGUMENT', `a second --${flag} (${value}) for --data ${group.data}`, { expected: `one --${flag} per --data` });
    group[flag] = value;
  }
  return groups;
}

/**
 * The truth-inference benchmark's layout (Zheng et al., VLDB 2017): a folder
 * holding `answer.csv` (question,worker,answer) and `truth.csv`
 * (question,truth). `--data <folder>` or `--data <folder>/answer.csv` reads
 * both, and the crowd is named by the folder; an explicit `--gold` wins.
 */
function resolveLayout(files: UserDataFiles): { files: UserDataFiles; name: string } {
  if (!existsSync(files.data)) throw new CrowdError('INVALID_ARGUMENT', `--data ${files.data}: no such file or folder`, { source: files.data, expected: 'a labels file, or a folder in the truth-inference layout (answer.csv, truth.csv)' });
  const isFolder = existsSync(files.data) && statSync(files.data).isDirectory();
  const folder = isFolder ? files.data : dirname(files.data);
  const data = isFolder ? join(files.data, 'answer.csv') : files.data;
  if (isFolder && !existsSync(data)) throw new CrowdError('INVALID_ARGUMENT', `--data ${files.data} is a folder without answer.csv`, { source: files.data, expected: 'a labels file, or a folder in the truth-inference layout (answer.csv, truth.csv)' });
  const layout = basename(data).toLowerCase() === 'answer.csv';
  const truth = join(folder, 'truth.csv');
  const gold = files.gold ?? (layout && existsSync(truth) ? truth : undefined);
  const name = layout ? basename(resolve(folder)) : basename(data);
  return { files: { data, ...(gold !== undefined ? { gold } : {}), ...(files.features !== undefined ? { features: files.features } : {}) }, name };
}

/** Reads a labels file in any format the CLI detects (long CSV/TSV, JSON Lines, platform exports, wide, CEKA, Rodrigues), read once as text. */
function readLabels(path: string, source: string): { labels: UserData['labels']; gold?: UserData['gold'] } {
  return readLabelsText(readTextFile(path, { source }), { source });
}

/** Item features from a CSV or TSV table (`id, f1..fd` with a header), aligned to the items. */
function readFeatures(path: string, labels: UserData['labels']): NonNullable<UserData['features']> {
  const source = basename(path);
  const ext = extname(path.replace(/\.gz$/i, '')).toLowerCase();
  if (ext !== '.csv' && ext !== '.tsv') throw new CrowdError('INVALID_ARGUMENT', `--features ${path}: the bench reads features from CSV or TSV`, { source, expected: 'an id,f1,...,fd table with a header (.csv or .tsv)' });
  const table = readFeatureTableText(readTextFile(path, { source }), { source, delimiter: ext === '.tsv' ? '\t' : ',' });
  const features = alignFeatureRows(labels, table.ids, table.features, source);
  features.assertAligned(labels, source);
  return features;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * The crowds of the command line's `--data` groups, read and checked, each
 * named by its file (by its folder in the truth-inference layout; by the
 * path as given when two names, or a name and a bundled dataset, collide),
 * with the record results.json keeps. A crowd without gold cannot be scored:
 * an error naming the file.
 */
export async function readUserData(groups: readonly UserDataFiles[], taken: readonly string[] = []): Promise<{ data: UserData[]; records: UserDataRecord[] }> {
  const resolved = groups.map(resolveLayout);
  const counts = new Map<string, number>();
  for (const r of resolved) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  const data: UserData[] = [];
  const records: UserDataRecord[] = [];
  for (const [j, r] of resolved.entries()) {
    const given = groups[j] as UserDataFiles;
    const name = given.name ?? ((counts.get(r.name) ?? 0) > 1 || taken.includes(r.name) ? given.data : r.name);
    if (data.some((d) => d.name === name)) throw new CrowdError('INVALID_ARGUMENT', `--data ${name} is given twice`, { expected: 'each crowd once' });
    const source = basename(r.files.data);
    const read = readLabels(r.files.data, source);
    const goldFile = r.files.gold;
    const gold = goldFile !== undefined ? readLongGold(readTextFile(goldFile, { source: basename(goldFile) }), read.labels, { source: basename(goldFile), unknownItems: 'ignore' }) : read.gold;
    if (gold === undefined || gold.size === 0) throw new CrowdError('INVALID_ARGUMENT', `no gold for the items of ${source}`, { source, expected: '--gold <file> with item,label rows after its --data, a gold column in the file, or truth.csv beside answer.csv' });
    const features = r.files.features !== undefined ? readFeatures(r.files.features, read.labels) : undefined;
    data.push({ name, labels: read.labels, gold, ...(features !== undefined ? { features } : {}) });
    const paths = Object.fromEntries(Object.entries(r.files).map(([k, v]) => [k, resolve(v)])) as unknown as UserDataFiles;
    records.push({ name, ...paths, sha256: Object.fromEntries(Object.values(paths).map((p) => [p, sha256(p)])) });
  }
  return { data, records };
}
