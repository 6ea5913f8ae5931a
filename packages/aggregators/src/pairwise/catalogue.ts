import { optionList } from '@crowdlearn/core-matrix';
import { BRADLEY_TERRY_OPTIONS, bradleyTerry } from './bradley-terry.js';
import { NOISY_BT_OPTIONS, noisyBradleyTerry } from './noisy-bt.js';
import type { PairwiseEntry } from './pairwise-result.js';

/** The pairwise aggregators (family `'pairwise'`): scores of items from comparisons, run by `crowdlearn rank`. */
export const PAIRWISE_AGGREGATORS: readonly PairwiseEntry[] = [
  {
    name: 'bradley-terry',
    family: 'pairwise',
    summary: 'Bradley-Terry scores by MM iterations (scores sum to 1)',
    cite: 'R. A. Bradley, M. E. Terry, Biometrika 39, 1952; D. R. Hunter, Ann. Statist. 32(1), 2004',
    options: optionList(BRADLEY_TERRY_OPTIONS),
    capabilities: { needsFeatures: false, binaryOnly: false, randomness: 'deterministic', yields: [], memory: 'labels', neural: false },
    presets: [],
    run: async (input, options) => bradleyTerry(input.comparisons, options),
  },
  {
    name: 'noisy-bt',
    family: 'pairwise',
    summary: 'NoisyBT: Bradley-Terry with per-worker reliability and side bias (scores in (0, 1))',
    cite: 'N. Bugakova, V. Fedorova, G. Gusev, A. Drutsa, "Aggregation of pairwise comparisons with reduction of biases", NeurIPS 2019 workshop',
    options: optionList(NOISY_BT_OPTIONS),
    capabilities: { needsFeatures: false, binaryOnly: false, randomness: 'seeded', yields: ['worker-skills'], memory: 'labels', neural: false },
    presets: [],
    run: async (input, options, context) => noisyBradleyTerry(input.comparisons, { ...options, seed: Number(context.seed ?? 0) }),
  },
];
