/**
 * `@crowdlearn/neural`: what every neural method of crowdlearn shares.
 *
 * @packageDocumentation
 */
export { initBackend, currentBackend } from './runtime/backend.js';
export type { BackendInfo, BackendName, InitBackendOptions, SkippedBackend } from './runtime/backend.js';
export { initKernel, initBias } from './runtime/seeded-init.js';
export type { KernelInit } from './runtime/seeded-init.js';
export { ParamStore } from './layers/param-store.js';
export type { Param } from './layers/param-store.js';
export { Dense } from './layers/dense.js';
export { BatchNorm } from './layers/batch-norm.js';
export type { BatchNormOptions } from './layers/batch-norm.js';
export { dropout } from './layers/dropout.js';
export { Mlp } from './layers/mlp.js';
export { selectRows } from './layers/select-rows.js';
export type { MlpConfig } from './layers/mlp.js';
export { createOptimizer } from './training/optimizer.js';
export { FusedAdam } from './training/fused-adam.js';
export type { AdamSpec, CyclicSgdSpec, OptimizerSpec, ScheduledOptimizer, SgdSpec } from './training/optimizer.js';
export { trainLoop } from './training/train-loop.js';
export { rowsTensor } from './training/batch.js';
export type { ProgressEvent, TrainHistory, TrainLoopOptions } from './training/train-loop.js';
export { MODEL_PRESETS } from './models/presets.js';
export type { ModelPreset, NetworkConfig, PresetName, TrainingConfig, WdnPhases } from './models/presets.js';
export type { CrowdModel, CrowdTrainingData, FitOptions, FitReport, ValidationSplit } from './models/crowd-model.js';
export { BaseCrowdModel, modelAccuracy } from './models/base-model.js';
export type { BaseModelOptions, InputState } from './models/base-model.js';
export { Crowdlayer } from './models/crowdlayer.js';
export type { CrowdlayerOptions, CrowdlayerVariant } from './models/crowdlayer.js';
export { AnnoReg } from './models/anno-reg.js';
export type { AnnoRegOptions } from './models/anno-reg.js';
export { DoctorNet } from './models/doctor-net.js';
export type { DoctorNetOptions } from './models/doctor-net.js';
export { AggregateThenTrain } from './models/aggregate-then-train.js';
export type { AggregateThenTrainOptions } from './models/aggregate-then-train.js';
export { annotatedItems, annotationBatch, annotationLoss } from './models/annotation-batch.js';
export type { AnnotationBatch, AnnotationLoss, CrossEntropyLoss, FocalLoss } from './models/annotation-batch.js';
export { assertModelTarget, saveModel, loadModel, readModelInfo, MODEL_FORMAT_VERSION } from './io/save-load.js';
export type { SavedModelInfo, SaveModelOptions } from './io/save-load.js';
export { lagnn } from './models/lagnn.js';
export type { LagnnOptions, LagnnResult } from './models/lagnn.js';
export { BASE_MODELS, baseModelEntry, NEURAL_AGGREGATORS, presetFor } from './catalogue.js';
export type { BaseModelEntry, ClassifierEntry, ClassifierInput, ClassifierResult, CrowdShape, TrainedClassifier } from './catalogue.js';
