import * as tf from '@tensorflow/tfjs-core';
import type { WasmHeapBackend } from './wasm-heap.js';

let registered = false;


/**
 * Gives the wasm backend an UnsortedSegmentSum kernel, which tfjs-backend-wasm
 * 4.22 lacks; `tf.gather`'s gradient is built on it, so without it a model
 * that gathers rows (one row of expert outputs per annotation, say) cannot
 * train on wasm. The sum runs in JavaScript over views of the wasm heap:
 * one pass over the input, adding each row into its segment (rows whose
 * segment id is out of range are dropped, as on the other backends).
 * Idempotent; a no-op when the backend already has the kernel or the wasm
 * kernels are not registered.
 */
export function registerWasmSegmentSum(): boolean {
  if (registered) return true;
  if (tf.getKernel('UnsortedSegmentSum', 'wasm') !== undefined) return (registered = true);
  if (tf.getKernel('Slice', 'wasm') === undefined) return false;
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const { numSegments } = attrs as unknown as { numSegments: number };
      const heap = backend as unknown as WasmHeapBackend;
      const rows = tf.util.sizeFromShape(segmentIds.shape);
      const innerShape = x.shape.slice(segmentIds.shape.length);
      const inner = tf.util.sizeFromShape(innerShape);
      const out = heap.makeOutput([numSegments, ...innerShape], x.dtype);
      const target = heap.typedArrayFromHeap(out);
      const source = heap.typedArrayFromHeap(x);
      const ids = heap.typedArrayFromHeap(segmentIds);
      target.fill(0);
      for (let r = 0; r < rows; r++) {
        const segment = ids[r] as number;
        if (segment < 0 || segment >= numSegments) continue;
        const from = r * inner;
        const to = segment * inner;
        for (let j = 0; j < inner; j++) target[to + j] = (target[to + j] as number) + (source[from + j] as number);
      }
      return out;
    },
  });
  registered = true;
  return true;
}
