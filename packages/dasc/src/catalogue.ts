import { CrowdError, optionList, resolveOptions, type OptionTable } from '@crowdlearn/core-matrix';
import { baseModelEntry, initBackend, presetFor, type AnnotationLoss, type BaseCrowdModel, type ClassifierEntry, type ClassifierInput, type ClassifierResult, type CrowdShape } from '@crowdlearn/neural';
import type { RoundBudget } from './self-training.js';
import { selfTrain, type SelfTrainingResult } from './self-training.js';

/** A DASC base model: a neural catalogue entry and the options DASC builds it with. */
export interface DascBase {
  /** The name of the base model in `@crowdlearn/neural`'s `BASE_MODELS`. */
  model: string;
  /** Its options (keys of its catalogue entry's option specs). */
  options: Record<string, unknown>;
}

/**
 * The base models DASC wraps, by name, with the settings the DASC
 * specification's prototype used (specs/dasc.md §11): Anno-Reg with a
 * diagonal of 2 and λ 0.1 (a diagonal of 6 leaves Music at 55%), and
 * `crowdlayer-2i`, Crowdlayer MW started at 2·I (the CrowdInG code's start),
 * which on LabelMe avoids the runs the identity start loses (seeds 0-9: 5 of
 * 10 end near 77% from I, none from 2I).
 */
export const DASC_BASES: Readonly<Record<string, DascBase>> = {
  crowdlayer: { model: 'crowdlayer', options: {} },
  'crowdlayer-2i': { model: 'crowdlayer', options: { mwInitScale: 2 } },
  'crowdlayer-vw': { model: 'crowdlayer-vw', options: {} },
  'crowdlayer-vb': { model: 'crowdlayer-vb', options: {} },
  'anno-reg': { model: 'anno-reg', options: { initDiagonal: 2, traceWeight: 0.1 } },
  wdn: { model: 'wdn', options: {} },
  'doctor-net': { model: 'doctor-net', options: {} },
};

/** The base model DASC uses on a dataset preset when none is named: the one its README's headline numbers come from. */
export function defaultDascBase(preset: string | undefined): string {
  return presetFor(preset) === 'labelme' ? 'crowdlayer-2i' : 'crowdlayer';
}

/**
 * Builds DASC's base model `name` (a key of {@link DASC_BASES}) for a
 * crowd's shape and a dataset preset, with an annotation loss and training
 * overrides (`epochs`, `batchSize`).
 */
export function dascBaseModel(name: string, shape: CrowdShape, preset: string | undefined, loss?: AnnotationLoss, training: { epochs?: number; batchSize?: number } = {}): BaseCrowdModel {
  const base = DASC_BASES[name];
  if (base === undefined) throw new CrowdError('INVALID_ARGUMENT', `unknown DASC base model ${JSON.stringify(name)}`, { expected: `one of ${Object.keys(DASC_BASES).join(', ')}` });
  return baseModelEntry(base.model).create(shape, { ...base.options, ...training }, presetFor(preset), loss);
}

/** DASC's options in the catalogue. */
export const DASC_OPTIONS = {
  base: { kind: 'choice', choices: Object.keys(DASC_BASES), defaultText: 'crowdlayer-2i on labelme, else crowdlayer', description: 'the base model self-training wraps' },
  rounds: { kind: 'integer', min: 0, default: 5, description: 'self-training rounds after the initial training' },
  budget: { kind: 'number', min: 0, exclusiveMin: true, default: 0.1, description: 'pseudo-annotations per round: a fraction of the empty cells (below 1) or a whole count' },
} as const satisfies OptionTable;

/**
 * A budget as self-training takes it: a whole number of pseudo-annotations
 * per round (10000), or a fraction of the empty cells in (0, 1) (0.1).
 * Anything else is an INVALID_ARGUMENT error that names `name` (the flag or
 * option it came from).
 */
export function roundBudget(value: number | string, name = 'budget'): RoundBudget {
  const text = String(value);
  const x = Number(text);
  if (text.trim() !== '' && Number.isInteger(x) && x >= 1) return { mode: 'count', count: x };
  if (x > 0 && x < 1) return { mode: 'fraction', fraction: x };
  throw new CrowdError('INVALID_ARGUMENT', `${name}: ${JSON.stringify(text)} is neither a count nor a fraction`, {
    expected: 'a whole number >= 1 (pseudo-annotations per round) or a fraction in (0, 1) of the empty cells',
  });
}

/** The base models' training schedule options (epochs, batch size), which DASC passes to its base model every round. */
const BASE_TRAINING_OPTIONS = baseModelEntry('crowdlayer').options.filter((spec) => spec.name === 'epochs' || spec.name === 'batchSize');

/** DASC's result: the self-training record, and the self-trained base model as the classifier. */
export type DascResult = SelfTrainingResult & ClassifierResult;

/** DASC as a classifier: the self-trained base model and every round's record. */
export const DASC_CLASSIFIER: ClassifierEntry<ClassifierInput, DascResult> = {
  name: 'dasc',
  family: 'classifier',
  summary: 'DASC: distribution-aware self-training around a base model',
  cite: 'Shi, Li, Huang, "Learning from crowds with sparse and imbalanced annotations", Machine Learning 112, 2023',
  options: [...optionList(DASC_OPTIONS), ...BASE_TRAINING_OPTIONS],
  capabilities: { needsFeatures: true, binaryOnly: false, randomness: 'seeded', yields: ['classifier', 'worker-model'], memory: 'cells', neural: true },
  presets: ['music', 'labelme', 'default'],
  run: async (input, options, context) => {
    const { epochs, batchSize, ...own } = options as { epochs?: number; batchSize?: number };
    const o = resolveOptions('dasc', DASC_OPTIONS, own as { base?: string; rounds?: number; budget?: number });
    await initBackend();
    const base = o.base ?? defaultDascBase(context.preset);
    const training = { ...(epochs !== undefined ? { epochs } : {}), ...(batchSize !== undefined ? { batchSize } : {}) };
    const model = dascBaseModel(base, input.labels, context.preset, undefined, training);
    try {
      const r = await selfTrain(model, { labels: input.labels, features: input.features }, {
        seed: context.seed ?? 0,
        rounds: o.rounds,
        budget: roundBudget(o.budget),
        ...(context.onProgress !== undefined ? { onProgress: (e) => context.onProgress?.({ phase: e.phase, done: e.epoch, total: e.epochs }) } : {}),
      });
      const rounds = r.rounds.map((x) => ({ round: x.round, selected: x.selected, imbalanceRatio: x.imbalanceRatio }));
      return { ...r, classifier: model, dispose: () => model.dispose(), details: { base, rounds } };
    } catch (err) {
      model.dispose();
      throw err;
    }
  },
};
