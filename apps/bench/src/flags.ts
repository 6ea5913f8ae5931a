import { CrowdError } from '@crowdlearn/core-matrix';
import { roundBudget } from '@crowdlearn/dasc';
import type { SuiteOptions } from './suites/options.js';

const list = (v: unknown) => (v === undefined ? undefined : String(v).split(',').map((s) => s.trim()).filter((s) => s !== ''));

/**
 * The suite options from the parsed command-line flags. cac keeps a dashed
 * flag whose next character is a digit as it is (`include-100m`), so that key
 * is read verbatim.
 */
export function suiteOptionsFromFlags(flags: Record<string, unknown>): Omit<SuiteOptions, 'onRun' | 'data' | 'extraMethods'> {
  const seeds = list(flags.seeds)?.map((s) => {
    const seed = Number(s);
    if (!Number.isInteger(seed)) throw new CrowdError('INVALID_ARGUMENT', `--seeds: ${JSON.stringify(s)} is not an integer`, { expected: 'a comma list of integers, e.g. 0,1,2' });
    return seed;
  });
  const budget = flags.budget === undefined ? undefined : roundBudget(String(flags.budget), '--budget');
  // `--datasets none`: no bundled dataset (with --data, the user's crowds alone)
  const datasets = String(flags.datasets) === 'none' ? [] : list(flags.datasets);
  const methods = list(flags.methods);
  return {
    quick: flags.quick === true,
    include100m: flags['include-100m'] === true,
    ...(seeds !== undefined ? { seeds } : {}),
    ...(datasets !== undefined ? { datasets } : {}),
    ...(methods !== undefined ? { methods } : {}),
    ...(budget !== undefined ? { budget } : {}),
  };
}

/** The flags that only some suites read, and those suites: any other suite given one fails rather than ignore it. */
const SUITE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  budget: ['dasc', 'dasc-sparsity', 'dasc-longtail'],
  'include-100m': ['perf-aggregators', 'perf-io'],
  data: ['aggregators', 'completion'],
  gold: ['aggregators', 'completion'],
  features: ['aggregators', 'completion'],
};

/**
 * Throws a usage error when a flag is given to a suite that does not read it
 * (`--budget` to `tllc`, `--include-100m` to `perf-neural`), naming the
 * suites that do: silently ignoring it would report a run the user did not ask for.
 */
export function checkFlagsApply(suite: string, flags: Record<string, unknown>): void {
  for (const [flag, suites] of Object.entries(SUITE_FLAGS)) {
    if (flags[flag] === undefined || flags[flag] === false || suites.includes(suite)) continue;
    throw Object.assign(new Error(`--${flag} applies to ${suites.join(', ')}, not ${suite}`), { usage: true });
  }
}
