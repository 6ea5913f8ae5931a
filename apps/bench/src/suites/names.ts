import { CrowdError } from '@crowdlearn/core-matrix';
import { loadDataset, type Dataset } from '@crowdlearn/datasets';

/**
 * Fails before any run when `--methods` or `--datasets` names something the
 * suite does not have: a misspelt name would otherwise fill the table with
 * failures, one run at a time.
 */
export function checkNames(kind: 'method' | 'dataset', given: readonly string[], known: readonly string[]): void {
  const unknown = given.find((g) => !known.includes(g));
  if (unknown === undefined) return;
  throw new CrowdError(kind === 'method' ? 'INVALID_ARGUMENT' : 'UNKNOWN_ID', `unknown ${kind} ${JSON.stringify(unknown)}`, { expected: `one of ${known.join(', ')}` });
}

/** `loadDataset`, loading each bundled dataset once per suite. */
export function datasetLoader(): (name: string) => Dataset {
  const cache = new Map<string, Dataset>();
  return (name) => {
    let d = cache.get(name);
    if (d === undefined) cache.set(name, (d = loadDataset(name)));
    return d;
  };
}
