import * as tf from '@tensorflow/tfjs-core';
import { replaceWasmKernel, type WasmHeapBackend } from './wasm-heap.js';

let patched = false;

/**
 * Makes `Identity` on the wasm backend share its input's memory instead of
 * copying it, as the cpu backend does.
 *
 * TF.js saves the inputs a gradient needs by cloning them through the
 * Identity kernel, once per product and step: for a dense layer that is its
 * whole weight matrix and batch (4 MB for 8192 x 128 weights), copied only
 * to be read once by the backward pass. Tensors are immutable (assigning a
 * variable gives it new memory), so sharing is safe; the backend frees the
 * memory when the last tensor using it is disposed, as for its own
 * `reshape`. String tensors go to the original kernel. Idempotent; a no-op
 * when the wasm kernels are not registered.
 */
export function patchWasmIdentity(): boolean {
  if (patched) return true;
  const original = tf.getKernel('Identity', 'wasm');
  if (original === undefined) return false;
  replaceWasmKernel(original, (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string') return original.kernelFunc(args);
    (args.backend as unknown as WasmHeapBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  });
  patched = true;
  return true;
}
