import { optionList, type MethodCapabilities } from '@crowdlearn/core-matrix';
import { CATD_N_OPTIONS, catdN } from './catd-n.js';
import { LFC_N_OPTIONS, lfcN } from './lfc-n.js';
import { numericMean, numericMedian } from './mean-median.js';
import type { NumericAggregatorEntry } from './numeric-result.js';
import { PM_CRH_N_OPTIONS, pmCrhN } from './pm-crh-n.js';

const capabilities = (yields: MethodCapabilities['yields']): MethodCapabilities => ({ needsFeatures: false, binaryOnly: false, randomness: 'deterministic', yields, memory: 'labels', neural: false });

/**
 * The numeric aggregators (family `'numeric'`): estimates of continuous
 * answers, run by `crowdlearn estimate`. Their option tables carry the
 * truth-inference framework's defaults.
 */
export const NUMERIC_AGGREGATORS: readonly NumericAggregatorEntry[] = [
  { name: 'mean', family: 'numeric', summary: 'the mean of each item\'s answers', cite: 'the baseline of Zheng et al., "Truth inference in crowdsourcing: is the problem solved?", PVLDB 10(5), 2017', options: [], capabilities: capabilities([]), presets: [], run: async (input) => numericMean(input.labels) },
  { name: 'median', family: 'numeric', summary: 'the median of each item\'s answers', cite: 'the baseline of Zheng et al., PVLDB 10(5), 2017', options: [], capabilities: capabilities([]), presets: [], run: async (input) => numericMedian(input.labels) },
  {
    name: 'lfc-n',
    family: 'numeric',
    summary: 'LFC_N: precision-weighted means, each worker a Gaussian noise level',
    cite: 'V. C. Raykar et al., "Learning from crowds", JMLR 11, 2010',
    options: optionList(LFC_N_OPTIONS),
    capabilities: capabilities(['worker-skills']),
    presets: [],
    run: async (input, options) => lfcN(input.labels, options),
  },
  {
    name: 'catd-n',
    family: 'numeric',
    summary: 'CATD: confidence-aware weighted means',
    cite: 'Q. Li et al., "A confidence-aware approach for truth discovery on long-tail data", PVLDB 8(4), 2014',
    options: optionList(CATD_N_OPTIONS),
    capabilities: capabilities(['worker-skills']),
    presets: [],
    run: async (input, options) => catdN(input.labels, options),
  },
  {
    name: 'pm-crh-n',
    family: 'numeric',
    summary: 'PM / CRH: weighted medians, normalised absolute loss',
    cite: 'Q. Li et al., "Resolving conflicts in heterogeneous data by truth discovery and source reliability estimation", SIGMOD 2014',
    options: optionList(PM_CRH_N_OPTIONS),
    capabilities: capabilities(['worker-skills']),
    presets: [],
    run: async (input, options) => pmCrhN(input.labels, options),
  },
];
