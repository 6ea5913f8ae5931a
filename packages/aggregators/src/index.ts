/**
 * `@crowdlearn/aggregators`: truth inference (label aggregation) on typed
 * arrays. Every method takes a `CrowdLabels` and returns the inferred label
 * and the posterior of every item, plus the worker model it learns. No
 * TensorFlow.js.
 *
 * @packageDocumentation
 */
export type {
  AggregationResult,
  CommonOptions,
  ConfusionModelResult,
  WorkerSkillResult,
} from './types.js';
export { majorityVote, weightedMajorityVote } from './methods/majority-vote.js';
export type { MajorityVoteOptions, WeightedMajorityVoteOptions } from './methods/majority-vote.js';
export { wawa } from './methods/wawa.js';
export type { WawaOptions } from './methods/wawa.js';
export { zeroBasedSkill } from './methods/zero-based-skill.js';
export type { ZeroBasedSkillOptions } from './methods/zero-based-skill.js';
export { dawidSkene } from './methods/dawid-skene.js';
export type { DawidSkeneOptions } from './methods/dawid-skene.js';
export { oneCoinConfusion, oneCoinDawidSkene } from './methods/one-coin-dawid-skene.js';
export type { OneCoinDawidSkeneOptions } from './methods/one-coin-dawid-skene.js';
export { zenCrowd } from './methods/zencrowd.js';
export type { ZenCrowdOptions } from './methods/zencrowd.js';
export { hds } from './methods/hds.js';
export type { HdsOptions } from './methods/hds.js';
export { fastDawidSkene } from './methods/fds.js';
export type { FastDawidSkeneOptions } from './methods/fds.js';
export { glad } from './methods/glad.js';
export type { AbilityDifficultyOptions, AbilityDifficultyResult, GladOptions, GladResult } from './methods/glad.js';
export { irt } from './methods/irt.js';
export { cglad } from './methods/cglad.js';
export type { CgladOptions } from './methods/cglad.js';
export { conjugateGradientProgram, minimizeCG } from './optimize/conjugate-gradient.js';
export { LbfgsMinimizer } from './optimize/lbfgs.js';
export type { LbfgsOptions } from './optimize/lbfgs.js';
export type { CGOptions, CGResult, CgDirectionRequest, CgProgram, CgRequest, CgStepRequest, CgVectorRequest, Objective } from './optimize/conjugate-gradient.js';
export type { IrtOptions } from './methods/irt.js';
export type { AbilityLink } from './methods/irt.js';
export { mace } from './methods/mace.js';
export type { MaceOptions, MaceResult } from './methods/mace.js';
export { kos } from './methods/kos.js';
export type { KosOptions } from './methods/kos.js';
export { aggregate, AGGREGATOR_NAMES, FEATURE_AGGREGATOR_NAMES, TRUE_LABEL_AGGREGATOR_NAMES } from './aggregate.js';
export type { AggregateOptions, AggregatorName, AggregatorOptionsByName, FeatureAggregatorName, MethodChoice, TrueLabelAggregatorName, WithFeatures, WithTrueLabels } from './aggregate.js';
export { goldMajorityVote } from './methods/gold-majority-vote.js';
export type { GoldMajorityVoteOptions } from './methods/gold-majority-vote.js';
export { mMsr } from './methods/m-msr.js';
export type { MMsrOptions } from './methods/m-msr.js';
export { ibcc } from './methods/ibcc.js';
export type { IbccOptions } from './methods/ibcc.js';
export { viMf } from './methods/vi-mf.js';
export { cbcc } from './methods/cbcc.js';
export type { CbccOptions, CbccResult } from './methods/cbcc.js';
export { minimaxEntropy } from './methods/minimax-entropy.js';
export type { MinimaxEntropyOptions, MinimaxEntropyResult } from './methods/minimax-entropy.js';
export { viBp } from './methods/vi-bp.js';
export type { ViBpOptions } from './methods/vi-bp.js';
export type { ViMfOptions } from './methods/vi-mf.js';
export { lfc } from './methods/lfc.js';
export type { LfcOptions } from './methods/lfc.js';
export { catd } from './methods/catd.js';
export type { CatdOptions } from './methods/catd.js';
export { pmCrh } from './methods/pm-crh.js';
export type { PmCrhOptions } from './methods/pm-crh.js';
export { gtic } from './methods/gtic.js';
export type { GticOptions } from './methods/gtic.js';
export { dewsmv } from './methods/dewsmv.js';
export type { DewsmvOptions, DewsmvResult } from './methods/dewsmv.js';
export { mnldp } from './methods/mnldp.js';
export type { MnldpOptions } from './methods/mnldp.js';
export { aali } from './methods/aali.js';
export type { AaliOptions, AaliResult } from './methods/aali.js';
export { confidentItems } from './confident-items.js';
export type { ConfidentItems, ConfidentItemsOptions } from './confident-items.js';
export { AGGREGATORS } from './catalogue.js';
export type { AggregationInput, AggregatorEntry } from './catalogue.js';
export { workerQuality } from './worker-quality.js';
export type { WorkerQuality } from './worker-quality.js';
export { labelsTable, workerConfusions, workersTable } from './result-tables.js';
export type { WorkersTableOptions } from './result-tables.js';
export { NUMERIC_AGGREGATORS } from './numeric/catalogue.js';
export { numericMean, numericMedian } from './numeric/mean-median.js';
export { lfcN } from './numeric/lfc-n.js';
export type { LfcNOptions } from './numeric/lfc-n.js';
export { catdN } from './numeric/catd-n.js';
export type { CatdNOptions } from './numeric/catd-n.js';
export { pmCrhN } from './numeric/pm-crh-n.js';
export type { PmCrhNOptions } from './numeric/pm-crh-n.js';
export type { NumericAggregationInput, NumericAggregationResult, NumericAggregatorEntry } from './numeric/numeric-result.js';
export { PAIRWISE_AGGREGATORS } from './pairwise/catalogue.js';
export { bradleyTerry } from './pairwise/bradley-terry.js';
export type { BradleyTerryOptions } from './pairwise/bradley-terry.js';
export { noisyBradleyTerry } from './pairwise/noisy-bt.js';
export type { NoisyBradleyTerryOptions } from './pairwise/noisy-bt.js';
export type { PairwiseEntry, PairwiseInput, PairwiseResult } from './pairwise/pairwise-result.js';
export { binaryRelevance } from './multi-label/binary-relevance.js';
export type { BinaryRelevanceResult } from './multi-label/binary-relevance.js';
