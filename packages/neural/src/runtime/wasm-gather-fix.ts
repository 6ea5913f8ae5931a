import * as tf from '@tensorflow/tfjs-core';
import { CrowdError } from '@crowdlearn/core-matrix';
import { replaceWasmKernel, type WasmHeapBackend } from './wasm-heap.js';

let patched = false;

/**
 * Makes `tf.gather` on the wasm backend a copy of whole runs.
 *
 * tfjs-backend-wasm's GatherV2 kernel works element by element: gathering
 * 30,000 rows of a [1000, 20] tensor (one row per (instance, annotator)
 * cell, as CrowdInG does for every minibatch) took about 20 ms, and such
 * gathers were 40% of a CrowdInG update. This re-registers it to copy, for
 * each index, the contiguous run of everything after the gather axis from
 * a view of the wasm heap. `batchDims > 0` and string tensors go to the
 * original kernel. An index out of range is an error, as on the cpu
 * backend. Idempotent; a no-op when the wasm kernels are not registered.
 */
export function patchWasmGather(): boolean {
  if (patched) return true;
  const original = tf.getKernel('GatherV2', 'wasm');
  if (original === undefined) return false;
  replaceWasmKernel(original, (args) => {
    const { x, indices } = args.inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
    const { axis, batchDims } = args.attrs as unknown as { axis: number; batchDims: number };
    if (x.dtype === 'string' || (batchDims ?? 0) !== 0) return original.kernelFunc(args);
    const heap = args.backend as unknown as WasmHeapBackend;
    const along = tf.util.parseAxisParam(axis, x.shape)[0] as number;
    const outer = tf.util.sizeFromShape(x.shape.slice(0, along));
    const extent = x.shape[along] as number;
    const inner = tf.util.sizeFromShape(x.shape.slice(along + 1));
    const count = tf.util.sizeFromShape(indices.shape);
    const out = heap.makeOutput([...x.shape.slice(0, along), ...indices.shape, ...x.shape.slice(along + 1)], x.dtype);
    // Views after makeOutput: allocating may grow the heap and detach older views.
    const source = heap.typedArrayFromHeap(x);
    const target = heap.typedArrayFromHeap(out);
    const index = heap.typedArrayFromHeap(indices);
    for (let j = 0; j < count; j++) {
      const i = index[j] as number;
      if (i < 0 || i >= extent) {
        heap.disposeData(out.dataId);
        throw new CrowdError('INDEX_OUT_OF_RANGE', `gather: index ${i} is outside the gathered axis`, { expected: `0 to ${extent - 1}`, found: String(i) });
      }
    }
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < count; j++) {
        const from = (o * extent + (index[j] as number)) * inner;
        target.set(source.subarray(from, from + inner), (o * count + j) * inner);
      }
    }
    return out;
  });
  patched = true;
  return true;
}
