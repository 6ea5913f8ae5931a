/**
 * `@crowdlearn/crowding`: CrowdInG, learning from crowds with generative
 * augmentation (Chen et al., KDD 2021), its ablation variants, and the
 * DL-CL+Self and DL-CL+InG baselines.
 *
 * @packageDocumentation
 */
export { trainCrowdInG } from './train-crowding.js';
export type { CrowdInGData, CrowdInGResult, EpochRecord, LabelledSplit } from './train-crowding.js';
export { CrowdInGModel } from './crowding-model.js';
export type { AugmentOptions } from './crowding-model.js';
export { CROWDING_DEFAULTS, CROWDING_VARIANTS, resolveSettings } from './options.js';
export type { CoOccurrenceMode, CrowdInGOptions, CrowdInGSettings, CrowdInGVariant, LcaMode } from './options.js';
export { CrowdInGTrainer } from './trainer.js';
export type { BatchRecord, CellCosts, StepCells, UpdateKind } from './trainer.js';
export type { GanBatch, GanData, ObservedCells } from './gan-batch.js';
export { Generator } from './networks/generator.js';
export type { Cells, CellNetworkShape, GeneratorConfig, GeneratorInputs } from './networks/generator.js';
export { Discriminator } from './networks/discriminator.js';
export type { DiscriminatorConfig, Encoded } from './networks/discriminator.js';

export type { GeneratedCandidates } from './selection.js';

export { dlCl } from './dl-cl.js';
export type { DlClOptions } from './dl-cl.js';
export { selfAugmentedCrowdlayer, generatorAugmentedCrowdlayer } from './baselines.js';
export type { AugmentedCrowdlayer, AugmentedCrowdlayerOptions } from './baselines.js';
export { CROWDING_CLASSIFIER, CROWDING_COMPLETION, crowdingOptionsFor, crowdingPreset } from './catalogue.js';
export type { CrowdInGCatalogueOptions, CrowdInGClassifierInput, CrowdInGClassifierResult, CrowdInGPreset } from './catalogue.js';
