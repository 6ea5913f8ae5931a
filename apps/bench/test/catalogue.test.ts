import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MethodEntry } from '@crowdlearn/core-matrix';
import { AGGREGATORS } from '@crowdlearn/aggregators';
import { CROWDING_CLASSIFIER, CROWDING_COMPLETION } from '@crowdlearn/crowding';
import { CROWDMETA_AGGREGATOR } from '@crowdlearn/crowdmeta';
import { DASC_BASES, DASC_CLASSIFIER } from '@crowdlearn/dasc';
import { MMLC_AGGREGATORS, MMLC_COMPLETION } from '@crowdlearn/mmlc';
import { BASE_MODELS, NEURAL_AGGREGATORS } from '@crowdlearn/neural';
import { TLLC_COMPLETION } from '@crowdlearn/tllc';
import { aggregatorsSuite, SUITE_AGGREGATORS } from '../src/suites/aggregators.js';
import { CATALOGUE_CLASSIFIERS, CATALOGUE_COMPLETION, classifiersSuite, completionSuite } from '../src/suites/catalogue.js';
import { CROWDING_SUITE_METHODS } from '../src/suites/crowding.js';
import { CROWDMETA_SUITE_METHODS } from '../src/suites/crowdmeta.js';
import { DASC_SUITE_METHODS, dascSuite } from '../src/suites/dasc.js';
import { MMLC_SUITE_METHODS } from '../src/suites/mmlc.js';
import { TLLC_SUITE_METHODS, tllcSuite } from '../src/suites/tllc.js';

// every package's catalogue
const ENTRIES: readonly MethodEntry<never, unknown>[] = [
  ...AGGREGATORS,
  ...NEURAL_AGGREGATORS,
  ...MMLC_AGGREGATORS,
  CROWDMETA_AGGREGATOR,
  ...TLLC_COMPLETION,
  ...MMLC_COMPLETION,
  CROWDING_COMPLETION,
  ...BASE_MODELS,
  DASC_CLASSIFIER,
  CROWDING_CLASSIFIER,
] as readonly MethodEntry<never, unknown>[];

/** Catalogue methods no suite can run, and why. */
const NOT_IN_A_SUITE: Record<string, string> = { wmv: 'needs worker weights given by the user, which no bundled dataset has' };

const CLI = fileURLToPath(new URL('../../cli/dist/main.js', import.meta.url));

/** The built command line's JSON output (the test command builds every app first). */
function cli(...args: string[]): Record<string, unknown> {
  const r = spawnSync(process.execPath, [CLI, ...args, '--json', '--quiet'], { encoding: 'utf8', env: { ...process.env, CROWDLEARN_BACKEND: 'wasm' } });
  if (r.status !== 0) throw new Error(`crowdlearn ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe("the bench's suites come from the catalogues", () => {
  it('every catalogue method runs in some suite (as a method, or as the input or base of one)', () => {
    const tokens = new Set(
      [SUITE_AGGREGATORS.map((e) => e.name), CATALOGUE_COMPLETION.map((e) => e.name), CATALOGUE_CLASSIFIERS.map((e) => e.name), TLLC_SUITE_METHODS, MMLC_SUITE_METHODS, DASC_SUITE_METHODS, CROWDING_SUITE_METHODS, CROWDMETA_SUITE_METHODS].flatMap((list) =>
        list.flatMap((m) => m.split('+')),
      ),
    );
    const missing = ENTRIES.map((e) => e.name).filter((name) => !tokens.has(name) && NOT_IN_A_SUITE[name] === undefined);
    expect(missing).toEqual([]);
    // the generic suites run every entry of their family
    expect(CATALOGUE_COMPLETION.map((e) => e.name).sort()).toEqual(ENTRIES.filter((e) => e.family === 'completion').map((e) => e.name).sort());
    expect(CATALOGUE_CLASSIFIERS.map((e) => e.name).sort()).toEqual(ENTRIES.filter((e) => e.family === 'classifier').map((e) => e.name).sort());
    // the DASC suite's bases are the DASC package's
    for (const base of Object.keys(DASC_BASES)) expect(DASC_SUITE_METHODS).toContain(`dasc+${base}`);
  });
});

describe('the bench and the command line give the same number for the same method, dataset and seed', () => {
  it('an aggregator: DS on rte', async () => {
    const bench = await aggregatorsSuite({ quick: false, datasets: ['rte'], methods: ['ds'], seeds: [0] });
    expect(bench.runs[0]?.value).toBe(cli('aggregate', '--dataset', 'rte', '--method', 'ds', '--seed', '0').accuracy);
  });

  it('a completion method: MV after WSLC on leaves-oak', async () => {
    const bench = await tllcSuite({ quick: false, datasets: ['leaves-oak'], methods: ['wslc+mv'], seeds: [0] });
    const out = join(mkdtempSync(join(tmpdir(), 'crowdlearn-bench-cli-')), 'oak.csv');
    const after = cli('complete', '--dataset', 'leaves-oak', '--method', 'wslc', '--aggregate', 'mv', '--seed', '0', '--out', out).accuracyAfter as Record<string, number>;
    rmSync(dirname(out), { recursive: true, force: true });
    expect(bench.runs[0]?.value).toBe(after.mv);
  });

  it('the generic suites: WSLC then MV on leaves-oak as the TLLC suite and the CLI give it; Crowdlayer MW on music as `crowdlearn train` gives it', async () => {
    const completion = await completionSuite({ quick: false, datasets: ['leaves-oak'], methods: ['wslc'], seeds: [0] });
    const tllc = await tllcSuite({ quick: false, datasets: ['leaves-oak'], methods: ['wslc+mv'], seeds: [0] });
    expect(completion.runs[0]?.value).toBe(tllc.runs[0]?.value);
    const trained = await classifiersSuite({ quick: false, datasets: ['music'], methods: ['crowdlayer'], seeds: [0] });
    expect(trained.runs[0]?.value).toBe(cli('train', '--dataset', 'music', '--method', 'crowdlayer', '--seed', '0').testAccuracy);
  }, 120_000);

  it('a neural method: Crowdlayer MW trained as DASC trains its CE row, on music', async () => {
    const bench = await dascSuite({ quick: false, datasets: ['music'], methods: ['ce+crowdlayer'], seeds: [0] });
    const run = cli('train', '--dataset', 'music', '--method', 'dasc', '--base', 'crowdlayer', '--rounds', '0', '--seed', '0');
    expect(bench.runs[0]?.value).toBe(run.testAccuracy);
  }, 60_000);
});
