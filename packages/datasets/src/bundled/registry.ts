import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CrowdError } from '@crowdlearn/core-matrix';
import { decodeDataset } from './compact-format.js';
import type { Dataset, DatasetMeta } from './dataset.js';
import { licenseTerms } from './license-terms.js';

/** The package's own data folder, beside `dist/` (the default of every `dataDir`). */
const PACKAGE_DATA = new URL('../../data/', import.meta.url);

/** Where the bundled datasets are read from. */
export interface DataFolderOptions {
  /**
   * The folder holding `index.json` and the `<name>.json.gz` files: a path
   * or a file URL. Default: the package's own `data/` folder. Give it when
   * the package is bundled into an app (the bundle no longer sits beside
   * `data/`): copy the folder with the app and name it here.
   */
  dataDir?: string | URL;
}

/** The data folder as a directory URL. */
function dataFolder(options: DataFolderOptions): URL {
  const dir = options.dataDir;
  if (dir === undefined) return PACKAGE_DATA;
  const url = dir instanceof URL ? dir : pathToFileURL(dir);
  return url.href.endsWith('/') ? url : new URL(`${url.href}/`);
}

const indexes = new Map<string, DatasetMeta[]>();

/** The metadata of every bundled dataset, in a fixed order. */
export function listDatasets(options: DataFolderOptions = {}): DatasetMeta[] {
  const dir = dataFolder(options);
  let index = indexes.get(dir.href);
  if (index === undefined) {
    const file = new URL('index.json', dir);
    if (!existsSync(file)) throw new CrowdError('IO_ERROR', 'no bundled dataset index', { source: fileURLToPath(file), expected: "the datasets package's data/ folder (the dataDir option)" });
    index = (JSON.parse(readFileSync(file, 'utf8')) as Omit<DatasetMeta, 'terms'>[]).map((m) => ({ ...m, terms: licenseTerms(m.license) }));
    indexes.set(dir.href, index);
  }
  return index.map((m) => ({ ...m }));
}


/** Loads a bundled dataset by name (see {@link listDatasets}); UNKNOWN_ID for a name that is not bundled. */
export function loadDataset(name: string, options: DataFolderOptions = {}): Dataset {
  const dataDir = dataFolder(options);
  const names = listDatasets(options).map((m) => m.name);
  if (!names.includes(name)) {
    throw new CrowdError('UNKNOWN_ID', `no bundled dataset named ${JSON.stringify(name)}`, {
      expected: `one of ${names.join(', ')}`,
    });
  }
  const json = new URL(`${name}.json.gz`, dataDir);
  const features = new URL(`${name}.features.f32.gz`, dataDir);
  const dataset = decodeDataset(
    { json: readFileSync(json), ...(existsSync(features) ? { features: readFileSync(features) } : {}) },
    `${name}.json.gz`,
  );
  return { ...dataset, meta: { ...dataset.meta, terms: licenseTerms(dataset.meta.license) } };
}
