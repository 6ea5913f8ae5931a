/**
 * `@crowdlearn/neural`: what every neural method of crowdlearn shares.
 *
 * @packageDocumentation
 */
export { initBackend, currentBackend } from './runtime/backend.js';
export type { BackendInfo, BackendName, InitBackendOptions } from './runtime/backend.js';
export { patchWasmBatchMatMul } from './runtime/wasm-matmul-fix.js';
export { initKernel, initBias } from './runtime/seeded-init.js';
export type { KernelInit } from './runtime/seeded-init.js';
export { ParamStore } from './layers/param-store.js';
export type { Param } from './layers/param-store.js';
export { Dense } from './layers/dense.js';
export { BatchNorm } from './layers/batch-norm.js';
export { dropout } from './layers/dropout.js';
export { Mlp } from './layers/mlp.js';
export type { MlpConfig } from './layers/mlp.js';
export { createOptimizer } from './training/optimizer.js';
export type { OptimizerSpec, ScheduledOptimizer } from './training/optimizer.js';
export { trainLoop } from './training/train-loop.js';
export { rowsTensor } from './training/batch.js';
export type { ProgressEvent, TrainHistory, TrainLoopOptions } from './training/train-loop.js';
