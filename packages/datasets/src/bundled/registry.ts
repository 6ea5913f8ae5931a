import { existsSync, readFileSync } from 'node:fs';
import { CrowdError } from '@crowdlearn/core-matrix';
import { decodeDataset } from './compact-format.js';
import type { Dataset, DatasetMeta, LicenseTerms } from './dataset.js';

const dataDir = new URL('../../data/', import.meta.url);

let index: DatasetMeta[] | undefined;

/** The metadata of every bundled dataset, in a fixed order. */
export function listDatasets(): DatasetMeta[] {
  index ??= (JSON.parse(readFileSync(new URL('index.json', dataDir), 'utf8')) as Omit<DatasetMeta, 'terms'>[]).map((m) => ({ ...m, terms: licenseTerms(m.license) }));
  return index.map((m) => ({ ...m }));
}

/**
 * The terms of a dataset's license text (as its SOURCE.md states it): a
 * non-commercial license first, then the GPL, then data released without a
 * license of its own (even in a licensed repository), else permissive.
 */
export function licenseTerms(license: string): LicenseTerms {
  if (/\bNC\b|non-commercial/i.test(license)) return 'non-commercial';
  if (/GPL/.test(license)) return 'copyleft';
  if (/^no license|without an explicit|no separate data license/i.test(license)) return 'unstated';
  return 'permissive';
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
  const dataset = decodeDataset(
    { json: readFileSync(json), ...(existsSync(features) ? { features: readFileSync(features) } : {}) },
    `${name}.json.gz`,
  );
  return { ...dataset, meta: { ...dataset.meta, terms: licenseTerms(dataset.meta.license) } };
}
