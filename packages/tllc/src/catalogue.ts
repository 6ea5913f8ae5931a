import { requireFeatures, optionList, type CompletionEntry, type RunContext } from '@crowdlearn/core-matrix';
import { initBackend } from '@crowdlearn/neural';
import { completeTllc, TLLC_OPTIONS, TLLC_POSTER_PRESET, type TllcOptions, type TllcProgress } from './tllc.js';
import { completeWslc, WSLC_OPTIONS, type WslcOptions } from './wslc.js';


/** TLLC's progress as a run context takes it: pretraining epochs, then workers fine-tuned and completed. */
function tllcProgress(context: RunContext): ((e: TllcProgress) => void) | undefined {
  const report = context.onProgress;
  if (report === undefined) return undefined;
  return (e) => {
    if (e.stage === 'pretrain' && e.training?.type === 'epoch') report({ phase: 'pretraining', done: e.training.epoch, total: e.training.epochs });
    else if (e.stage === 'complete') report({ phase: 'fine-tuning and completing workers', done: e.workersDone, total: e.workers });
  };
}

/** The label-completion methods of this package: TLLC and its baseline WSLC. */
export const TLLC_COMPLETION: readonly CompletionEntry[] = [
  {
    name: 'tllc',
    family: 'completion',
    summary: 'TLLC: transfer-learning label completion in per-worker embedding spaces',
    cite: 'Zhang, Jiang, Li, "TLLC: Transfer Learning-based Label Completion for Crowdsourcing", ICML 2025 (poster)',
    options: optionList(TLLC_OPTIONS),
    capabilities: { needsFeatures: true, binaryOnly: false, randomness: 'seeded', yields: ['worker-model'], memory: 'cells', neural: true },
    // `poster`: the poster's own hyperparameters, under the options given
    presets: ['default', 'poster'],
    run: async (input, options, context) => {
      await initBackend();
      const preset = context.preset === 'poster' ? TLLC_POSTER_PRESET : {};
      const onProgress = tllcProgress(context);
      const r = await completeTllc(input.labels, requireFeatures('tllc', input.features), {
        ...preset,
        ...(options as TllcOptions),
        seed: context.seed ?? 0,
        ...(onProgress !== undefined ? { onProgress } : {}),
      });
      const details = { sourceItems: r.source.items.length, workersFinetuned: r.workers.filter((w) => w.finetuned).length };
      return { labels: r.labels, completed: r.completed, warnings: r.warnings, details };
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
