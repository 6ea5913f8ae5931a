import * as tf from '@tensorflow/tfjs-core';

/**
 * The parts of tfjs-backend-wasm's backend that the kernel fixes use: output
 * allocation, views of tensors in the wasm heap (no copy; a view is detached
 * when the heap grows, so take it after allocating), sharing (one more
 * tensor on the same memory), and freeing.
 */
export interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  incRef(dataId: object): void;
  disposeData(id: object): void;
}

/**
 * Re-registers the wasm kernel `original` with `kernelFunc`, keeping its
 * setup and dispose functions (the replacement may still call
 * `original.kernelFunc`).
 */
export function replaceWasmKernel(original: tf.KernelConfig, kernelFunc: tf.KernelFunc): void {
  tf.unregisterKernel(original.kernelName, 'wasm');
  const config: tf.KernelConfig = { kernelName: original.kernelName, backendName: 'wasm', kernelFunc };
  if (original.setupFunc !== undefined) config.setupFunc = original.setupFunc;
  if (original.disposeFunc !== undefined) config.disposeFunc = original.disposeFunc;
  tf.registerKernel(config);
}
