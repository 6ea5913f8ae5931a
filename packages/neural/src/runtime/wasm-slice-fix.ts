import * as tf from '@tensorflow/tfjs-core';
import { replaceWasmKernel, type WasmHeapBackend } from './wasm-heap.js';

let patched = false;


/**
 * Makes `slice`, `split` and `unstack` on the wasm backend cost the size of
 * their outputs, not of their input.
 *
 * tfjs-backend-wasm's Slice kernel, which its SplitV and Unpack kernels call
 * once per output, reads its input with `readSync`, which copies the whole
 * tensor out of the wasm heap before taking the slice: ten 1 MB slices of a
 * 10 MB tensor took 46 ms, and `unstack` of it 49 ms. Slices are everywhere
 * (`split` in the gradient of `concat`, `unstack`, the per-matrix products
 * of {@link patchWasmBatchMatMul}). This re-registers the three kernels to
 * copy from a view of the heap, one contiguous run of the innermost
 * dimension at a time. String tensors go to the original kernels.
 * Idempotent; a no-op when the wasm kernels are not registered.
 */
export function patchWasmSlice(): boolean {
  if (patched) return true;
  const kernels = ['Slice', 'SplitV', 'Unpack'].map((name) => tf.getKernel(name, 'wasm'));
  if (kernels.some((k) => k === undefined)) return false;
  const [slice, splitV, unpack] = kernels as [tf.KernelConfig, tf.KernelConfig, tf.KernelConfig];
  replaceKernel(slice, (args, x, backend) => {
    const { begin, size } = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
    const [start, extent] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size) as [number[], number[]];
    return sliceFromHeap(backend, x, start, extent);
  });
  replaceKernel(splitV, (args, x, backend) => {
    const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
    const along = tf.util.parseAxisParam(axis, x.shape)[0] as number;
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, along);
    const start = new Array<number>(x.shape.length).fill(0);
    return sizes.map((n) => {
      const extent = [...x.shape];
      extent[along] = n;
      const part = sliceFromHeap(backend, x, start, extent);
      start[along] = (start[along] as number) + n;
      return part;
    });
  });
  replaceKernel(unpack, (args, x, backend) => {
    const rank = x.shape.length;
    const axisAttr = (args.attrs as unknown as { axis: number }).axis;
    const axis = axisAttr < 0 ? axisAttr + rank : axisAttr;
    const outShape = x.shape.filter((_, d) => d !== axis);
    const extent = [...x.shape];
    extent[axis] = 1;
    return Array.from({ length: x.shape[axis] as number }, (_, i) => {
      const start = new Array<number>(rank).fill(0);
      start[axis] = i;
      return { ...sliceFromHeap(backend, x, start, extent), shape: outShape };
    });
  });
  patched = true;
  return true;
}

/** Re-registers a wasm kernel with `impl` for numeric input (its one input, whatever its name); strings go to the original. */
function replaceKernel(original: tf.KernelConfig, impl: (args: Parameters<tf.KernelFunc>[0], x: tf.TensorInfo, backend: WasmHeapBackend) => tf.TensorInfo | tf.TensorInfo[]): void {
  replaceWasmKernel(original, (args) => {
    const x = Object.values(args.inputs)[0] as tf.TensorInfo;
    if (x.dtype === 'string') return original.kernelFunc(args);
    return impl(args, x, args.backend as unknown as WasmHeapBackend);
  });
}

/** Copies x[start : start + extent] into a new wasm tensor, reading x through a heap view. */
export function sliceFromHeap(backend: WasmHeapBackend, x: tf.TensorInfo, start: number[], extent: number[]): tf.TensorInfo {
  const out = backend.makeOutput(extent, x.dtype);
  // Views after makeOutput: allocating may grow the heap and detach older views.
  const source = backend.typedArrayFromHeap(x);
  const target = backend.typedArrayFromHeap(out);
  const rank = x.shape.length;
  if (rank === 0 || target.length === 0) {
    if (target.length > 0) target[0] = source[0] as number;
    return out;
  }
  const strides = [...tf.util.computeStrides(x.shape), 1];
  // Trailing dimensions taken whole join the innermost run: a slice along the
  // first axis is one copy.
  let inner = rank - 1;
  let run = extent[inner] as number;
  while (inner > 0 && extent[inner] === x.shape[inner]) {
    inner--;
    run *= extent[inner] as number;
  }
  const runs = target.length / run;
  const index = new Array<number>(inner).fill(0);
  for (let r = 0; r < runs; r++) {
    let offset = (start[inner] as number) * (strides[inner] as number);
    for (let d = 0; d < inner; d++) offset += ((start[d] as number) + (index[d] as number)) * (strides[d] as number);
    target.set(source.subarray(offset, offset + run), r * run);
    // Next index over the outer dimensions, last fastest.
    for (let d = inner - 1; d >= 0; d--) {
      index[d] = (index[d] as number) + 1;
      if ((index[d] as number) < (extent[d] as number)) break;
      index[d] = 0;
    }
  }
  return out;
}
