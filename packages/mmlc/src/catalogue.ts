import { requireFeatures, optionList, resolveOptions, type CompletionEntry, type CrowdLabels, type Features, type MethodCapabilities, type OptionTable, type RunContext } from '@crowdlearn/core-matrix';
import type { AggregationResult, AggregatorEntry } from '@crowdlearn/aggregators';
import { initBackend } from '@crowdlearn/neural';
import type { CentreEstimator, CentreWeighting } from './centre.js';
import { fillWithModel } from './data-filling.js';
import { fillGirt } from './g-irt.js';
import { fillGmv } from './g-mv.js';
import { MmlcModel } from './mmlc-model.js';
import { oracleWorker } from './owf.js';
import { MMLC_PRESETS, mmlcConfig, presetCentre, type MmlcPresetName } from './presets.js';

const CITE = '"Mixture of Experts Based Multi-Task Supervise Learning from Crowds", AAAI 2025';

/** The options of training the MMLC worker model. */
export const MMLC_TRAINING_OPTIONS = {
  epochs: { kind: 'integer', min: 1, defaultText: "the preset's (15,000 on music; see MMLC_PRESETS)", description: 'training epochs of the worker model' },
} as const satisfies OptionTable;

/** The options of filling empty cells (MMLC-df, G_MV, G_IRT). */
export const FILL_OPTIONS = {
  threshold: { kind: 'integer', min: 0, default: 0, description: 'fill only the workers with more than this many labels' },
} as const satisfies OptionTable;

/** The options of MMLC-owf's centre estimate. */
export const OWF_OPTIONS = {
  centre: { kind: 'choice', choices: ['kde', 'mean', 'median'], default: 'kde', description: "the centre of the workers' projection vectors" },
  weighting: { kind: 'choice', choices: ['none', 'scale', 'proper'], default: 'none', description: "worker weighting of the centre (none, the code's scale, or proper)" },
} as const satisfies OptionTable;

const PRESETS = Object.keys(MMLC_PRESETS) as MmlcPresetName[];

/** The MMLC preset for a dataset preset name: the same name where MMLC has one, else `'default'`. */
export function mmlcPresetFor(name: string | undefined): MmlcPresetName {
  return name !== undefined && (PRESETS as string[]).includes(name) ? (name as MmlcPresetName) : 'default';
}

/** The MMLC preset and training epochs a run uses: what its report shows. */
function trainingDetails(options: { epochs?: number }, context: RunContext): { preset: MmlcPresetName; epochs: number } {
  const preset = mmlcPresetFor(context.preset);
  return { preset, epochs: options.epochs ?? MMLC_PRESETS[preset].epochs };
}

/** Trains the MMLC worker model with a preset and an optional epoch count; the caller disposes it. */
export async function trainWorkerModel(labels: CrowdLabels, features: Features, options: { epochs?: number }, context: RunContext): Promise<MmlcModel> {
  const preset = mmlcPresetFor(context.preset);
  const { epochs } = resolveOptions('mmlc', MMLC_TRAINING_OPTIONS, options);
  await initBackend();
  const model = new MmlcModel(labels.numClasses, labels.numWorkers, mmlcConfig(preset, labels.numWorkers, epochs !== undefined ? { epochs } : {}));
  try {
    await model.fit(labels, features, {
      seed: context.seed ?? 0,
      ...(context.onProgress !== undefined ? { onProgress: (e) => context.onProgress?.({ phase: e.phase, done: e.epoch, total: e.epochs }) } : {}),
    });
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}

const completed = (labels: CrowdLabels, before: CrowdLabels) => ({ labels, completed: labels.numLabels - before.numLabels, warnings: [] });

const fillCapabilities = (needsFeatures: boolean, neural: boolean): MethodCapabilities => ({
  needsFeatures,
  binaryOnly: false,
  randomness: 'seeded',
  yields: neural ? ['worker-model'] : [],
  memory: 'cells',
  neural,
});

/** A label-free filling baseline of the MMLC paper: `fill` draws the empty cells of the workers above `threshold`. */
function fillBaseline(name: string, summary: string, fill: (labels: CrowdLabels, o: { threshold: number; seed: number | string }) => CrowdLabels): CompletionEntry {
  return {
    name,
    family: 'completion',
    summary,
    cite: CITE,
    options: optionList(FILL_OPTIONS),
    capabilities: fillCapabilities(false, false),
    presets: [],
    run: async (input, options, context) => {
      const o = resolveOptions(name, FILL_OPTIONS, options);
      return completed(fill(input.labels, { threshold: o.threshold, seed: context.seed ?? 0 }), input.labels);
    },
  };
}

/** The label-completion methods of this package: MMLC-df and the paper's filling baselines G_MV and G_IRT. */
export const MMLC_COMPLETION: readonly CompletionEntry[] = [
  {
    name: 'mmlc-df',
    family: 'completion',
    summary: "MMLC-df: fill each worker's empty cells with the MMLC mixture-of-experts worker model",
    cite: CITE,
    options: optionList({ ...MMLC_TRAINING_OPTIONS, ...FILL_OPTIONS }),
    capabilities: fillCapabilities(true, true),
    presets: PRESETS,
    run: async (input, options, context) => {
      const features = requireFeatures('mmlc-df', input.features);
      const o = resolveOptions('mmlc-df', FILL_OPTIONS, options);
      const model = await trainWorkerModel(input.labels, features, options, context);
      try {
        const filled = completed(fillWithModel(model, input.labels, features, { threshold: o.threshold, seed: context.seed ?? 0 }), input.labels);
        return { ...filled, details: { ...trainingDetails(options, context), threshold: o.threshold } };
      } finally {
        model.dispose();
      }
    },
  },
  fillBaseline('g-mv', 'G_MV: draw fills from MV-estimated worker ability (the MMLC paper baseline)', (labels, o) => fillGmv(labels, o)),
  fillBaseline('g-irt', 'G_IRT: draw fills from a fitted item-response model (the MMLC paper baseline)', (labels, o) => fillGirt(labels, o).labels),
];

/** MMLC-owf's result: truth inference by the oracle worker. */
export interface OracleAggregationResult extends AggregationResult {
  /** v*: the oracle projection vector. */
  oracle: Float64Array;
}

/** The truth-inference method of this package: MMLC-owf, the oracle worker of the trained MMLC worker model. */
export const MMLC_AGGREGATORS: readonly AggregatorEntry[] = [
  {
    name: 'mmlc-owf',
    family: 'aggregation',
    summary: 'MMLC-owf: the oracle worker of a trained MMLC worker model',
    cite: CITE,
    options: optionList({ ...MMLC_TRAINING_OPTIONS, ...OWF_OPTIONS }),
    capabilities: { needsFeatures: true, binaryOnly: false, randomness: 'seeded', yields: ['posteriors', 'worker-model'], memory: 'labels', neural: true },
    presets: PRESETS,
    run: async (input, options, context): Promise<OracleAggregationResult> => {
      const features = requireFeatures('mmlc-owf', input.features);
      const o = resolveOptions('mmlc-owf', OWF_OPTIONS, options);
      const centre = { ...presetCentre(mmlcPresetFor(context.preset), input.labels.numWorkers), centre: o.centre as CentreEstimator, weighting: o.weighting as CentreWeighting };
      const model = await trainWorkerModel(input.labels, features, options, context);
      try {
        const owf = oracleWorker(model, input.labels, features, centre);
        const details = { ...trainingDetails(options, context), oracle: Array.from(owf.oracle) };
        return { method: 'mmlc-owf', labels: owf.labels, posteriors: Float64Array.from(owf.proba), oracle: owf.oracle, details };
      } finally {
        model.dispose();
      }
    },
  },
];
