import type { MethodFamily } from '@crowdlearn/core-matrix';
import type { SuiteResult } from './engine/results.js';
import { aggregatorsSuite, SUITE_AGGREGATORS } from './suites/aggregators.js';
import { CATALOGUE_CLASSIFIERS, CATALOGUE_COMPLETION, classifiersSuite, completionSuite } from './suites/catalogue.js';
import { crowdingHyperSuite, crowdingSparsitySuite, crowdingStartSuite, crowdingSuite } from './suites/crowding.js';
import { crowdmetaSuite } from './suites/crowdmeta.js';
import { dascLongTailSuite, dascSparsitySuite, dascSuite } from './suites/dasc.js';
import { mmlcSuite } from './suites/mmlc.js';
import { mmlcRedundancySuite } from './suites/mmlc-redundancy.js';
import type { SuiteOptions } from './suites/options.js';
import { perfAggregatorsSuite, perfIoSuite, perfNeuralSuite } from './suites/perf.js';
import { perfWebSuite } from './suites/perf-web.js';
import { tllcSuite } from './suites/tllc.js';

/** Every suite of the bench, by the name `pnpm -s bench <suite>` takes. */
export const SUITES: Readonly<Record<string, (o: SuiteOptions) => Promise<SuiteResult>>> = {
  aggregators: aggregatorsSuite,
  completion: completionSuite,
  classifiers: classifiersSuite,
  tllc: tllcSuite,
  dasc: dascSuite,
  'dasc-sparsity': dascSparsitySuite,
  'dasc-longtail': dascLongTailSuite,
  mmlc: mmlcSuite,
  'mmlc-redundancy': mmlcRedundancySuite,
  crowdmeta: crowdmetaSuite,
  crowding: crowdingSuite,
  'crowding-sparsity': crowdingSparsitySuite,
  'crowding-hyper': crowdingHyperSuite,
  'crowding-start': crowdingStartSuite,
  'perf-aggregators': perfAggregatorsSuite,
  'perf-io': perfIoSuite,
  'perf-neural': perfNeuralSuite,
  'perf-web': perfWebSuite,
};

/**
 * The suites that compare whole catalogue families, with the family a
 * user's module method must belong to (`--methods ./my-method.mjs`) and the
 * names already taken there.
 */
export const CATALOGUE_SUITES: Readonly<Record<string, { family: MethodFamily; names: () => string[] }>> = {
  aggregators: { family: 'aggregation', names: () => SUITE_AGGREGATORS.map((e) => e.name) },
  completion: { family: 'completion', names: () => [...CATALOGUE_COMPLETION.map((e) => e.name), 'mv-before'] },
  classifiers: { family: 'classifier', names: () => CATALOGUE_CLASSIFIERS.map((e) => e.name) },
};
