import { optionList, requireFeatures, resolveOptions, type CompletionEntry, type MethodCapabilities, type OptionTable, type RunContext } from '@crowdlearn/core-matrix';
import { initBackend, presetFor, type ClassifierEntry, type ClassifierInput, type ClassifierResult, type PresetName } from '@crowdlearn/neural';
import { CROWDING_DEFAULTS, CROWDING_VARIANTS, type CrowdInGOptions, type CrowdInGVariant, type LcaMode } from './options.js';
import { trainCrowdInG, type CrowdInGResult, type LabelledSplit } from './train-crowding.js';

const CITE = 'Z. Chu, H. Wang, "Improve Learning from Crowds via Generative Augmentation", KDD 2021';

/** CrowdInG's options in the catalogue (every other setting is an option of {@link trainCrowdInG}). */
export const CROWDING_CATALOGUE_OPTIONS = {
  variant: { kind: 'choice', choices: Object.keys(CROWDING_VARIANTS), default: 'crowding', description: 'CrowdInG or one of its ablation variants' },
  epochs: { kind: 'integer', min: 0, default: CROWDING_DEFAULTS.epochs, description: 'GAN epochs after pretraining' },
  pretrainEpochs: { kind: 'integer', min: 1, defaultText: "the base models' preset (50 on labelme, 100 on music)", description: 'epochs of the DL-CL (Crowdlayer MW) pretraining' },
  informationWeight: { kind: 'number', min: 0, default: CROWDING_DEFAULTS.informationWeight, description: 'λ, the weight of the information loss' },
  entropyThreshold: { kind: 'number', min: 0, default: CROWDING_DEFAULTS.entropyThreshold, description: 't (nats): Step A on items the classifier is sure of, Step B on the rest' },
  lca: { kind: 'choice', choices: ['paper', 'code', 'off'], defaultText: 'off on music (specs/crowding.md §2), else paper', description: 'label-correlation aggregation in the discriminator' },
} as const satisfies OptionTable;

/** CrowdInG's options in the catalogue (every other setting is an option of {@link trainCrowdInG}). */
export interface CrowdInGCatalogueOptions {
  /** CrowdInG or an ablation variant. Default `'crowding'`. */
  variant?: string;
  /** GAN epochs after pretraining. Default 40. */
  epochs?: number;
  /** DL-CL pretraining epochs. Default: the base models' preset. */
  pretrainEpochs?: number;
  /** λ, the weight of the information loss. Default 0.5. */
  informationWeight?: number;
  /** t (nats), the entropy threshold between Steps A and B. Default 0.5. */
  entropyThreshold?: number;
  /** Label-correlation aggregation: `'paper'`, `'code'` or `'off'`. Default: off on Music, else paper. */
  lca?: string;
}

/** The settings a dataset preset brings to CrowdInG. */
export interface CrowdInGPreset {
  /** The base models' preset DL-CL is trained with. */
  preset: PresetName;
  /** Label-correlation aggregation. */
  lca: LcaMode;
}

/**
 * The settings a dataset preset brings (specs/crowding.md §2, §9): DL-CL
 * with the base models' preset of that name, and label-correlation
 * aggregation off on Music.
 */
export function crowdingPreset(name: string | undefined): CrowdInGPreset {
  const preset = presetFor(name);
  return { preset, lca: preset === 'music' ? 'off' : 'paper' };
}

/** {@link trainCrowdInG}'s options from catalogue options and a run context. */
export function crowdingOptionsFor(options: CrowdInGCatalogueOptions, context: RunContext): CrowdInGOptions {
  const o = resolveOptions('crowding', CROWDING_CATALOGUE_OPTIONS, options);
  const { preset, lca } = crowdingPreset(context.preset);
  return {
    seed: context.seed ?? 0,
    variant: o.variant as CrowdInGVariant,
    epochs: o.epochs,
    informationWeight: o.informationWeight,
    entropyThreshold: o.entropyThreshold,
    lca: (o.lca as LcaMode | undefined) ?? lca,
    crowdlayer: { preset, ...(o.pretrainEpochs !== undefined ? { training: { epochs: o.pretrainEpochs } } : {}) },
    ...(context.onProgress !== undefined ? { onProgress: (e) => context.onProgress?.({ phase: e.phase, done: e.epoch, total: e.epochs }) } : {}),
  };
}

/** What CrowdInG as a classifier trains on: the crowd, and optionally a validation split (selects the GAN epoch kept) and monitored items. */
export interface CrowdInGClassifierInput extends ClassifierInput {
  /** Items whose accuracy is recorded after pretraining (the starting point) and every epoch. */
  monitor?: LabelledSplit;
}

/** CrowdInG's result as a classifier: the training record, and the classifier it kept. */
export type CrowdInGClassifierResult = CrowdInGResult & ClassifierResult;

const capabilities = (yields: MethodCapabilities['yields']): MethodCapabilities => ({ needsFeatures: true, binaryOnly: false, randomness: 'seeded', yields, memory: 'cells', neural: true });

/** What a report of a CrowdInG run shows: the variant, the epochs, the epoch kept and how it was chosen, and the starting point's accuracy on the monitored items. */
function crowdingDetails(r: CrowdInGResult, options: CrowdInGOptions, selectedByValidation: boolean): Record<string, unknown> {
  return {
    variant: options.variant ?? 'crowding',
    epochs: r.settings.epochs,
    bestEpoch: r.bestEpoch,
    selectedBy: selectedByValidation ? 'validation accuracy' : 'last epoch',
    ...(r.history[0]?.monitorAccuracy !== undefined ? { startingTestAccuracy: r.history[0].monitorAccuracy } : {}),
  };
}

/** CrowdInG as a classifier: the trained model, its per-epoch record (epoch 0 is the DL-CL starting point) and settings. */
export const CROWDING_CLASSIFIER: ClassifierEntry<CrowdInGClassifierInput, CrowdInGClassifierResult> = {
  name: 'crowding',
  family: 'classifier',
  summary: 'CrowdInG: generative augmentation around a pretrained Crowdlayer (DL-CL); reports its starting point',
  cite: CITE,
  options: optionList(CROWDING_CATALOGUE_OPTIONS),
  capabilities: { ...capabilities(['classifier', 'worker-model']), inputs: { validation: 'optional', monitor: 'optional' } },
  presets: ['music', 'labelme', 'default'],
  run: async (input, options, context) => {
    await initBackend();
    const { validation, ...data } = input;
    const o = crowdingOptionsFor(options, context);
    const r = await trainCrowdInG({ ...data, ...(validation !== undefined ? { valid: validation } : {}) }, o);
    return { ...r, classifier: r.model.classifier, dispose: () => r.model.dispose(), details: crowdingDetails(r, o, validation !== undefined) };
  },
};

/** CrowdInG as label completion: every empty cell gets the generator's annotation. */
export const CROWDING_COMPLETION: CompletionEntry = {
  name: 'crowding',
  family: 'completion',
  summary: "CrowdInG: fill every empty cell with the generator's annotation",
  cite: CITE,
  options: optionList(CROWDING_CATALOGUE_OPTIONS),
  capabilities: capabilities(['worker-model']),
  presets: ['music', 'labelme', 'default'],
  run: async (input, options, context) => {
    const features = requireFeatures('crowding', input.features);
    await initBackend();
    const o = crowdingOptionsFor(options, context);
    const r = await trainCrowdInG({ labels: input.labels, features }, o);
    try {
      const labels = r.model.augment(input.labels, features, { seed: context.seed ?? 0 });
      return { labels, completed: labels.numLabels - input.labels.numLabels, warnings: [], details: crowdingDetails(r, o, false) };
    } finally {
      r.model.dispose();
    }
  },
};
