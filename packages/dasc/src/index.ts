/**
 * `@crowdlearn/dasc`: distribution-aware self-training (DASC) for learning
 * from sparse, class-imbalanced crowd annotations, around any base model of
 * `@crowdlearn/neural` (Crowdlayer, Anno-Reg, WDN), with the paper's
 * imbalance and self-training baselines.
 *
 * @packageDocumentation
 */
export { selfTrain } from './self-training.js';
export type { CountBudget, FractionBudget, RoundBudget, SelfTrainingOptions, SelfTrainingResult } from './self-training.js';
export { selectCandidates } from './selection.js';
export type { ScoredCandidates, Selection, SelectionOptions, SelectionStrategy } from './selection.js';
export { classQuotas } from './quota.js';
export type { QuotaOptions, QuotaRounding, QuotaShortfall } from './quota.js';
export { entropy } from '@crowdlearn/core-matrix';
export { scoreCells } from './candidates.js';
export { emptyCells } from '@crowdlearn/core-matrix';
export type { CellList } from '@crowdlearn/core-matrix';
export { annotationState, pseudoLabelQuality } from './round-record.js';
export type { AnnotationState, PseudoLabelQuality, RoundRecord } from './round-record.js';
export { classBalancedWeights, resamplingWeights, reweightingWeights } from './imbalance-weights.js';
export { DASC_METHODS, trainWithMethod } from './methods.js';
export type { BaseModelFactory, DascMethod, MethodOptions } from './methods.js';
export { DASC_BASES, DASC_CLASSIFIER, dascBaseModel, defaultDascBase, roundBudget } from './catalogue.js';
export type { DascBase, DascResult } from './catalogue.js';
