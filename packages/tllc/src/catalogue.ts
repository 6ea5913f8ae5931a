import { requireFeatures, optionList, type CompletionEntry } from '@crowdlearn/core-matrix';
import { initBackend } from '@crowdlearn/neural';
import { completeTllc, TLLC_OPTIONS, type TllcOptions } from './tllc.js';
import { completeWslc, WSLC_OPTIONS, type WslcOptions } from './wslc.js';


/** The label-completion methods of this package: TLLC and its baseline WSLC. */
export const TLLC_COMPLETION: readonly CompletionEntry[] = [
  {
    name: 'tllc',
    family: 'completion',
    summary: 'TLLC: transfer-learning label completion in per-worker embedding spaces',
    cite: 'Zhang, Jiang, Li, "TLLC: Transfer Learning-based Label Completion for Crowdsourcing", ICML 2025 (poster)',
    options: optionList(TLLC_OPTIONS),
    capabilities: { needsFeatures: true, binaryOnly: false, randomness: 'seeded', yields: ['worker-model'], memory: 'cells', neural: true },
    presets: [],
    run: async (input, options, context) => {
      await initBackend();
      const r = await completeTllc(input.labels, requireFeatures('tllc', input.features), { ...(options as TllcOptions), seed: context.seed ?? 0 });
      return { labels: r.labels, completed: r.completed, warnings: r.warnings };
    },
  },
  {
    name: 'wslc',
    family: 'completion',
    summary: 'WSLC: worker-similarity label completion, fills every cell',
    cite: 'Wu, Jiang, Zhang, Li, "Worker Similarity-Based Label Completion for Crowdsourcing", IEEE Transactions on Big Data 11(2), 2025',
    options: optionList(WSLC_OPTIONS),
    capabilities: { needsFeatures: true, binaryOnly: false, randomness: 'deterministic', yields: [], memory: 'cells', neural: false },
    presets: [],
    run: async (input, options, context) => {
      const r = completeWslc(input.labels, requireFeatures('wslc', input.features), { ...(options as WslcOptions), seed: context.seed ?? 0 });
      return { labels: r.labels, completed: r.completed, warnings: r.skipped > 0 ? [`${r.skipped} cells left empty: no neighbour labelled their item`] : [] };
    },
  },
];
