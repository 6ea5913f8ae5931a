import { CrowdError, optionList, resolveOptions, type CrowdLabels, type Features, type MethodCapabilities, type MethodEntry, type OptionTable } from '@crowdlearn/core-matrix';
import type { AggregatorEntry } from '@crowdlearn/aggregators';
import { AggregateThenTrain } from './models/aggregate-then-train.js';
import { ANNO_REG_OPTIONS, AnnoReg } from './models/anno-reg.js';
import type { AnnotationLoss } from './models/annotation-batch.js';
import type { BaseCrowdModel } from './models/base-model.js';
import type { FitReport, ValidationSplit } from './models/crowd-model.js';
import { CROWDLAYER_OPTIONS, Crowdlayer } from './models/crowdlayer.js';
import { DoctorNet } from './models/doctor-net.js';
import { LAGNN_OPTIONS, lagnn } from './models/lagnn.js';
import { MODEL_PRESETS, type PresetName } from './models/presets.js';
import { initBackend } from './runtime/backend.js';

/** What a learning-from-crowds classifier trains on. */
export interface ClassifierInput {
  /** The crowd's labels. */
  labels: CrowdLabels;
  /** Item features aligned to the items. */
  features: Features;
  /** A held-out split for model selection (the best epoch's weights are kept). */
  validation?: ValidationSplit;
}

/**
 * What every trained-classifier runner returns: the classifier of item
 * features, a way to free it, and what a report of the run shows.
 */
export interface ClassifierResult {
  /** The trained classifier of item features (what `predict`, `saveModel` and `modelAccuracy` take). */
  classifier: BaseCrowdModel;
  /** Frees every tensor of the result: the classifier and anything trained beside it. */
  dispose(): void;
  /** What a report of the run shows besides accuracy: the settings the method resolved and what it recorded, as JSON values. */
  details: Record<string, unknown>;
}

/** A learning-from-crowds method in a catalogue: trains a classifier of item features from the crowd. */
export type ClassifierEntry<Input extends ClassifierInput = ClassifierInput, Result extends ClassifierResult = ClassifierResult> = MethodEntry<Input, Result>;

/** A trained base model and the record of its fit. */
export interface TrainedClassifier extends ClassifierResult {
  /** The trained model (the same object as `classifier`); `dispose()` frees it. */
  model: BaseCrowdModel;
  /** Each training phase's history. */
  report: FitReport;
}

/** The crowd's shape a model is built for. */
export interface CrowdShape {
  /** Number of classes K. */
  numClasses: number;
  /** Number of workers R. */
  numWorkers: number;
}

/**
 * A base model in the catalogue: a classifier family entry that can also
 * build the untrained model, for methods that train it themselves (DASC's
 * self-training rounds, CrowdInG's pretraining).
 */
export interface BaseModelEntry extends ClassifierEntry<ClassifierInput, TrainedClassifier> {
  /**
   * Builds the untrained model for `shape` with `options` (keys of the
   * entry's option specs), a dataset preset, and optionally the loss on each
   * annotation (DASC's focal baselines).
   */
  create(shape: CrowdShape, options: Record<string, unknown>, preset?: string, loss?: AnnotationLoss): BaseCrowdModel;
}

/** The options every base model takes: the preset's main training schedule. */
export const TRAINING_OPTIONS = {
  epochs: { kind: 'integer', min: 0, defaultText: "the preset's: 50 (labelme, default), 100 (music)", description: 'epochs of the main training phase' },
  batchSize: { kind: 'integer', min: 1, defaultText: "the preset's: 512 (labelme), 128 (music, default)", description: 'minibatch size (items)' },
} as const satisfies OptionTable;

const PRESETS = Object.keys(MODEL_PRESETS) as PresetName[];

const classifier: MethodCapabilities = { needsFeatures: true, binaryOnly: false, randomness: 'seeded', yields: ['classifier'], memory: 'labels', neural: true };

/** The preset to use: a known dataset preset, else `'default'`. */
export function presetFor(name: string | undefined): PresetName {
  return name !== undefined && (PRESETS as string[]).includes(name) ? (name as PresetName) : 'default';
}

/**
 * A base-model entry: `make` builds the model from the common options
 * (shape, preset, training overrides) and the model's own resolved options.
 */
function baseModel(
  name: string,
  summary: string,
  cite: string,
  table: OptionTable,
  make: (common: ConstructorParameters<typeof Crowdlayer>[0], own: Record<string, unknown>) => BaseCrowdModel,
  yields: MethodCapabilities['yields'] = ['classifier', 'worker-model'],
): BaseModelEntry {
  const create = (shape: CrowdShape, options: Record<string, unknown>, preset?: string, loss?: AnnotationLoss): BaseCrowdModel => {
    const o = resolveOptions(name, { ...TRAINING_OPTIONS, ...table }, options);
    const { epochs, batchSize, ...own } = o as { epochs?: number; batchSize?: number } & Record<string, unknown>;
    const training = { ...(epochs !== undefined ? { epochs } : {}), ...(batchSize !== undefined ? { batchSize } : {}) };
    return make({ numClasses: shape.numClasses, numWorkers: shape.numWorkers, preset: presetFor(preset), training, ...(loss !== undefined ? { loss } : {}) }, own);
  };
  return {
    name,
    family: 'classifier',
    summary,
    cite,
    options: optionList({ ...TRAINING_OPTIONS, ...table }),
    capabilities: { ...classifier, yields },
    presets: PRESETS,
    create,
    run: async (input, options, context) => {
      await initBackend();
      const model = create({ numClasses: input.labels.numClasses, numWorkers: input.labels.numWorkers }, options, context.preset);
      try {
        const report = await model.fit(
          { labels: input.labels, features: input.features },
          {
            seed: context.seed ?? 0,
            ...(input.validation !== undefined ? { validation: input.validation } : {}),
            ...(context.onProgress !== undefined ? { onProgress: (e) => context.onProgress?.({ phase: e.phase, done: e.epoch, total: e.epochs }) } : {}),
          },
        );
        const epochs = Object.fromEntries(Object.entries(report.phases).map(([phase, h]) => [phase, h.epochs]));
        return { model, report, classifier: model, dispose: () => model.dispose(), details: { epochs } };
      } catch (err) {
        model.dispose();
        throw err;
      }
    },
  };
}

const CITE = {
  crowdlayer: 'F. Rodrigues, F. C. Pereira, "Deep learning from crowds", AAAI 2018',
  annoReg: 'R. Tanno, A. Saeedi, S. Sankaranarayanan, D. C. Alexander, N. Silberman, "Learning from noisy labels by regularized estimation of annotator confusion", CVPR 2019',
  doctorNet: 'M. Y. Guan, V. Gulshan, A. M. Dai, G. E. Hinton, "Who said what: modeling individual labelers improves classification", AAAI 2018',
};

/** Crowdlayer's options apart from the variant, which names the entry. */
const { variant: _variant, ...CROWDLAYER_OWN } = CROWDLAYER_OPTIONS;

/**
 * The base models of this package (learning from crowds with a neural
 * classifier), in a fixed order: what `crowdlearn train --method`, and the
 * base models the DASC and CrowdInG suites build on, come from. Options are
 * the preset's training schedule and each model's own settings.
 */
export const BASE_MODELS: readonly BaseModelEntry[] = [
  baseModel('crowdlayer', 'Crowdlayer MW: a K x K matrix per worker after the classifier', CITE.crowdlayer, CROWDLAYER_OWN, (c, o) => new Crowdlayer({ ...c, ...o, variant: 'MW' })),
  baseModel('crowdlayer-vw', 'Crowdlayer VW: a vector of weights per worker', CITE.crowdlayer, {}, (c) => new Crowdlayer({ ...c, variant: 'VW' })),
  baseModel('crowdlayer-vb', 'Crowdlayer VB: a vector of biases per worker', CITE.crowdlayer, {}, (c) => new Crowdlayer({ ...c, variant: 'VB' })),
  baseModel('anno-reg', 'Anno-Reg: confusion matrices with a trace penalty', CITE.annoReg, ANNO_REG_OPTIONS, (c, o) => new AnnoReg({ ...c, ...o })),
  baseModel('wdn', 'weighted Doctor Net: a head per worker, learned averaging weights', CITE.doctorNet, {}, (c) => new DoctorNet({ ...c, weighting: 'learned' })),
  baseModel('doctor-net', 'Doctor Net: a head per worker, averaged', CITE.doctorNet, {}, (c) => new DoctorNet({ ...c, weighting: 'uniform' })),
  baseModel('mv-dl', 'majority vote, then a classifier on the voted labels', 'the two-stage baseline of every learning-from-crowds paper', {}, (c) => new AggregateThenTrain({ ...c, aggregator: 'mv' }), ['classifier']),
  baseModel('ds-dl', "Dawid-Skene, then a classifier on DS's labels", 'the two-stage baseline of every learning-from-crowds paper', {}, (c) => new AggregateThenTrain({ ...c, aggregator: 'ds' }), ['classifier']),
];

/** Finds a base model by name; an unknown name is an INVALID_ARGUMENT error listing the names. */
export function baseModelEntry(name: string): BaseModelEntry {
  const entry = BASE_MODELS.find((e) => e.name === name);
  if (entry === undefined) {
    throw new CrowdError('INVALID_ARGUMENT', `unknown base model ${JSON.stringify(name)}`, { expected: `one of ${BASE_MODELS.map((e) => e.name).join(', ')}` });
  }
  return entry;
}

/** The truth-inference methods of this package (graph neural networks over the label graph). */
export const NEURAL_AGGREGATORS: readonly AggregatorEntry[] = [
  {
    name: 'lagnn',
    family: 'aggregation',
    summary: 'LAGNN: a relational graph network over the item-worker label graph (unsupervised)',
    cite: 'H. Ying et al., "A little truth injection but a big reward: label aggregation with graph neural networks", 2024',
    options: optionList(LAGNN_OPTIONS),
    // a dense items x workers x classes adjacency
    capabilities: { needsFeatures: false, binaryOnly: false, randomness: 'seeded', yields: ['posteriors'], memory: 'cells', neural: true },
    presets: [],
    run: async (input, options, context) => {
      await initBackend();
      return lagnn(input.labels, { ...options, seed: context.seed ?? 0 });
    },
  },
];
