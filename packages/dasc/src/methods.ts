import type { CrowdLabels, Features } from '@crowdlearn/core-matrix';
import type { AnnotationLoss, CrowdModel } from '@crowdlearn/neural';
import { classBalancedWeights, resamplingWeights, reweightingWeights } from './imbalance-weights.js';
import { selfTrain, type SelfTrainingOptions, type SelfTrainingResult } from './self-training.js';

/** The methods of the DASC paper's comparison (Table 2) that wrap a base model. */
export const DASC_METHODS = ['ce', 'resampling', 'reweighting', 'focal', 'focal-self-c', 'cb-focal-self-c', 'confidence', 'random', 'dasc'] as const;

/** The name of a method in {@link DASC_METHODS}. */
export type DascMethod = (typeof DASC_METHODS)[number];

/** Makes an untrained base model, with the annotation loss a method asks for. */
export type BaseModelFactory = (settings: { loss?: AnnotationLoss }) => CrowdModel;

/** Options of {@link trainWithMethod}: self-training's, plus the losses' constants. */
export interface MethodOptions extends Omit<SelfTrainingOptions, 'strategy' | 'annotationWeights'> {
  /** γ of the focal losses. Default 2. */
  focalGamma?: number;
  /** β of the class-balanced weights. Default 0.9999. */
  classBalancedBeta?: number;
}

/**
 * Trains a base model with one of the paper's methods:
 * - `ce`: the base model alone;
 * - `resampling`: minority annotation classes oversampled to the largest class's count;
 * - `reweighting`: annotation weights `max_k Ñ_k / Ñ_label`;
 * - `focal`: the focal loss (γ = 2) on the worker outputs;
 * - `focal-self-c`, `cb-focal-self-c`: focal (class-balanced with β = 0.9999) plus Confidence self-training;
 * - `confidence`, `random`, `dasc`: self-training with that selection.
 * The self-training methods use `options.rounds` (default 5); the others run no rounds.
 */
export async function trainWithMethod(
  method: DascMethod,
  makeModel: BaseModelFactory,
  data: { labels: CrowdLabels; features: Features },
  options: MethodOptions = {},
): Promise<SelfTrainingResult> {
  const focal: AnnotationLoss = { type: 'focal', gamma: options.focalGamma ?? 2 };
  const beta = options.classBalancedBeta ?? 0.9999;
  const plain = { ...options, rounds: 0 };
  switch (method) {
    case 'ce':
      return selfTrain(makeModel({}), data, plain);
    case 'resampling':
      return selfTrain(makeModel({}), data, { ...plain, annotationWeights: resamplingWeights });
    case 'reweighting':
      return selfTrain(makeModel({}), data, { ...plain, annotationWeights: reweightingWeights });
    case 'focal':
      return selfTrain(makeModel({ loss: focal }), data, plain);
    case 'focal-self-c':
      return selfTrain(makeModel({ loss: focal }), data, { ...options, strategy: 'confidence' });
    case 'cb-focal-self-c':
      return selfTrain(makeModel({ loss: focal }), data, { ...options, strategy: 'confidence', annotationWeights: (l) => classBalancedWeights(l, beta) });
    case 'confidence':
    case 'random':
    case 'dasc':
      return selfTrain(makeModel({}), data, { ...options, strategy: method });
  }
}
