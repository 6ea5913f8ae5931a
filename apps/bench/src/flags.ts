import { CrowdError } from '@crowdlearn/core-matrix';
import type { SuiteOptions } from './suites/options.js';

const list = (v: unknown) => (v === undefined ? undefined : String(v).split(',').map((s) => s.trim()).filter((s) => s !== ''));

/**
 * The suite options from the parsed command-line flags. cac keeps a dashed
 * flag whose next character is a digit as it is (`include-100m`), so that key
 * is read verbatim.
 */
export function suiteOptionsFromFlags(flags: Record<string, unknown>): Omit<SuiteOptions, 'onRun'> {
  const seeds = list(flags.seeds)?.map((s) => {
    const seed = Number(s);
    if (!Number.isInteger(seed)) throw new CrowdError('INVALID_ARGUMENT', `--seeds: ${JSON.stringify(s)} is not an integer`, { expected: 'a comma list of integers, e.g. 0,1,2' });
    return seed;
  });
  const datasets = list(flags.datasets);
  const methods = list(flags.methods);
  return {
    quick: flags.quick === true,
    include100m: flags['include-100m'] === true,
    ...(seeds !== undefined ? { seeds } : {}),
    ...(datasets !== undefined ? { datasets } : {}),
    ...(methods !== undefined ? { methods } : {}),
  };
}
