import { existsSync, readFileSync } from 'node:fs';
import { CrowdError } from '@crowdlearn/core-matrix';
import { decodeDataset } from './compact-format.js';
import type { Dataset, DatasetMeta } from './dataset.js';

const dataDir = new URL('../../data/', import.meta.url);

let index: DatasetMeta[] | undefined;

/** The metadata of every bundled dataset, in a fixed order. */
export function listDatasets(): DatasetMeta[] {
  index ??= JSON.parse(readFileSync(new URL('index.json', dataDir), 'utf8')) as DatasetMeta[];
  return index.map((m) => ({ ...m }));
}

/** Loads a bundled dataset by name (see {@link listDatasets}); UNKNOWN_ID for a name that is not bundled. */
export function loadDataset(name: string): Dataset {
  const names = listDatasets().map((m) => m.name);
  if (!names.includes(name)) {
    throw new CrowdError('UNKNOWN_ID', `no bundled dataset named ${JSON.stringify(name)}`, {
      expected: `one of ${names.join(', ')}`,
    });
  }
  const json = new URL(`${name}.json.gz`, dataDir);
  const features = new URL(`${name}.features.f32.gz`, dataDir);
  return decodeDataset(
    { json: readFileSync(json), ...(existsSync(features) ? { features: readFileSync(features) } : {}) },
    `${name}.json.gz`,
  );
}
