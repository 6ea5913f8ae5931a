import type * as tf from '@tensorflow/tfjs-core';

/**
 * The parts of tfjs-backend-wasm's backend that the kernel fixes use: output
 * allocation, views of tensors in the wasm heap (no copy; a view is detached
 * when the heap grows, so take it after allocating), and freeing.
 */
export interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(id: object): void;
}
