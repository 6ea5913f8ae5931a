/**
 * `@crowdlearn/core-matrix`: the data model of crowdlearn — a sparse crowd
 * label matrix on typed arrays, gold labels, item features, a seeded random
 * number generator, statistics, metrics and the transforms the papers'
 * experiments use. No TensorFlow.js.
 *
 * @packageDocumentation
 */
export { CrowdError, isCrowdError } from './errors.js';
export type { CrowdErrorCode, CrowdErrorDetails, ErrorLocation } from './errors.js';
export { IdMap, IdMapBuilder } from './id-map.js';
export type { ExternalId } from './id-map.js';
export { Origin, originName } from './origin.js';
export type { OriginCode, OriginName } from './origin.js';
export { CrowdLabels, CrowdLabelsBuilder, sortClassIds } from './crowd-labels.js';
export type { SortedClassIds } from './crowd-labels.js';
export type {
  DuplicatePolicy,
  FromArraysOptions,
  FromObservationsOptions,
  LabelColumns,
  Observation,
} from './crowd-labels.js';
export { GoldLabels } from './gold-labels.js';
export type { GoldFromObservationsOptions } from './gold-labels.js';
export { Features } from './features.js';
export { standardize, columnStats } from './standardize.js';
export { minMaxColumns } from './min-max.js';
export type { ColumnStats, Standardized, StandardizeOptions } from './standardize.js';
export { encodeFeatures } from './encode-features.js';
export type { FeatureColumn, NominalColumn, NumericColumn } from './encode-features.js';
export { Rng, toRng } from './rng.js';
export { portableExp, portableLog, portableLog1p } from './portable-math.js';
export { canonicalOrder, canonicalRows, originalOrder } from './transforms/canonical-order.js';
export type { CanonicalOrder } from './transforms/canonical-order.js';
export { RowArgmax, rowArgmax } from './row-argmax.js';
export type { TieBreak } from './row-argmax.js';
export { checkOption, rangeText, optionList, resolveOptions } from './catalogue/option-spec.js';
export type { OptionKind, OptionSpec, OptionTable, OptionValue, ChoiceOf, ResolvedOptions, SpecValue } from './catalogue/option-spec.js';

export { formatSettings, numberFromText, optionFromText, parseSettings } from './catalogue/settings-string.js';
export type { RunSettings } from './catalogue/settings-string.js';
export { tableOf, tableObjects } from './result-table.js';
export type { ResultTable } from './result-table.js';
export { requireFeatures } from './catalogue/method-entry.js';
export type { MemoryClass, MethodCapabilities, MethodEntry, MethodFamily, MethodYield, RunContext } from './catalogue/method-entry.js';
export type { CompletionEntry, CompletionInput, CompletionResult } from './catalogue/completion.js';
export { Int32Builder } from './int32-builder.js';
export type { RandomSource, Seed } from './rng.js';

export { labelsPerItem, labelsPerWorker, density, missingProportion } from './stats/label-counts.js';
export { annotationClassCounts, goldClassCounts } from './stats/class-distribution.js';
export type { OriginFilter } from './stats/class-distribution.js';
export { imbalanceRatio, annotationImbalanceRatio, goldImbalanceRatio } from './stats/imbalance.js';
export { workerAccuracy } from './stats/worker-accuracy.js';
export type { WorkerAccuracy } from './stats/worker-accuracy.js';
export { describeCrowd, summarise } from './stats/describe.js';
export { chiSquareQuantile, logGamma, regularizedGammaP, regularizedGammaQ } from './stats/chi-square.js';
export { entropy } from './stats/entropy.js';
export type { CountSummary, CrowdStats } from './stats/describe.js';

export { accuracy } from './metrics/accuracy.js';
export { krippendorffAlpha } from './metrics/krippendorff-alpha.js';
export type { AlphaMetric, KrippendorffAlphaOptions } from './metrics/krippendorff-alpha.js';
export { itemUncertainty } from './metrics/item-uncertainty.js';
export { accuracyOnAggregates } from './metrics/accuracy-on-aggregates.js';
export type { AccuracyOnAggregates } from './metrics/accuracy-on-aggregates.js';
export { consistency } from './metrics/consistency.js';
export { numericErrors } from './metrics/numeric-errors.js';
export type { NumericErrors } from './metrics/numeric-errors.js';
export { NumericLabels, requireNumericLabels } from './numeric-labels.js';
export { PairwiseComparisons } from './pairwise-comparisons.js';
export { MultiLabelAnswers } from './multi-label-answers.js';
export type { MultiLabelAnswersOptions, MultiLabelObservation } from './multi-label-answers.js';
export type { PairwiseComparisonsOptions, PairwiseObservation } from './pairwise-comparisons.js';
export type { NumericLabelsOptions, NumericObservation } from './numeric-labels.js';
export type { Consistency } from './metrics/consistency.js';
export { confusionMatrix } from './metrics/confusion-matrix.js';
export type { ConfusionMatrix } from './metrics/confusion-matrix.js';
export { classificationReport, macroF1 } from './metrics/classification-report.js';
export type { ClassificationReport } from './metrics/classification-report.js';
export { completionAccuracy, completionAgreement } from './metrics/completion-accuracy.js';
export type { CompletionAccuracy } from './metrics/completion-accuracy.js';

export { removeLabels } from './transforms/remove-labels.js';
export type { RemoveLabelsOptions } from './transforms/remove-labels.js';
export { capLabelsPerItem } from './transforms/cap-labels-per-item.js';
export type { CapLabelsPerItemOptions } from './transforms/cap-labels-per-item.js';
export { longTailSubsample } from './transforms/long-tail.js';
export type { LongTailOptions, LongTailSubsample } from './transforms/long-tail.js';
export { trainTestSplit, largestRemainder } from './transforms/train-test-split.js';
export type { ItemSplit, TrainTestSplitOptions } from './transforms/train-test-split.js';
export { subsetItems, subsetWorkers } from './transforms/subset.js';
export { mergeCompleted } from './transforms/merge-completed.js';
export { emptyCells } from './transforms/empty-cells.js';
export type { CellList, EmptyCellOptions } from './transforms/empty-cells.js';
export { fillEmptyCells } from './transforms/fill-empty-cells.js';
export type { FillEmptyCellsOptions, FillRule, WorkerModel } from './transforms/fill-empty-cells.js';
export type { CompletedCells, MergeResult } from './transforms/merge-completed.js';
