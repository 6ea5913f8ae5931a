/**
 * `@crowdlearn/tllc`: label completion for crowdsourcing. TLLC completes
 * each worker's missing labels in a worker-specific embedding space learned
 * by transfer from high-confidence items; WSLC, its baseline, fills every
 * missing cell by a similarity-weighted vote of similar workers.
 *
 * @packageDocumentation
 */
export { completeTllc, TLLC_POSTER_PRESET } from './tllc.js';
export type { TllcOptions, TllcProgress, TllcResult, TllcWorkerSummary } from './tllc.js';
export { buildSourceDomain } from './source-domain.js';
export type { SourceAggregatorName, SourceDomain, SourceDomainOptions } from './source-domain.js';

export type { PairScheme, PairTarget } from './pairs.js';
export { SiameseEncoder } from './siamese-encoder.js';
export type { DistanceHead, SiameseEncoderConfig } from './siamese-encoder.js';
export { trainOnPairs } from './pair-training.js';
export type { PairTrainingOptions, PairTrainingSummary } from './pair-training.js';

export type { ClassGeometry, CompletionRule, RadiusRule } from './completion-rule.js';
export { completeWslc } from './wslc.js';
export type { WslcOptions, WslcResult } from './wslc.js';
export { TLLC_COMPLETION } from './catalogue.js';
