/**
 * `@crowdlearn/mmlc`: MMLC, a mixture-of-experts worker model that learns
 * from crowds as multi-task learning (one task per worker, no latent truth);
 * MMLC-owf (the centre of the workers' projection vectors as an oracle
 * worker), MMLC-df (filling the missing cells with the worker model), the
 * G_MV and G_IRT filling baselines, and the gold-using "Truth" upper limit.
 *
 * @packageDocumentation
 */
export { MmlcModel } from './mmlc-model.js';
export type { MmlcFitOptions } from './mmlc-model.js';
export { MMLC_PRESETS, mmlcConfig, presetCentre } from './presets.js';
export type { MmlcConfig, MmlcPreset, MmlcPresetName, OwfPreset } from './presets.js';
export { ExpertBank } from './expert-bank.js';
export { estimateCentre, kdeMode, silverman } from './centre.js';
export type { CentreEstimator, CentreOptions, CentreWeighting } from './centre.js';
export { oracleWorker, predictedWorkerAccuracy } from './owf.js';
export type { OracleWorkerResult } from './owf.js';
export { upperLimit } from './upper-limit.js';
export type { UpperLimitOptions, UpperLimitResult } from './upper-limit.js';
export { fillWithModel } from './data-filling.js';
export type { DataFillingOptions } from './data-filling.js';
export { densitySweep } from './density-sweep.js';
export type { DensityPoint } from './density-sweep.js';
export { fillGmv } from './g-mv.js';
export type { GmvOptions } from './g-mv.js';
export { fillGirt } from './g-irt.js';
export type { GirtOptions, GirtResult } from './g-irt.js';
export { MMLC_AGGREGATORS, MMLC_COMPLETION, mmlcPresetFor, trainWorkerModel } from './catalogue.js';
export type { OracleAggregationResult } from './catalogue.js';
