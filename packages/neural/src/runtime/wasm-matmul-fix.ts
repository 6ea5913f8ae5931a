import * as tf from '@tensorflow/tfjs-core';
import { replaceWasmKernel, type WasmHeapBackend } from './wasm-heap.js';
import { sliceFromHeap } from './wasm-slice-fix.js';

let patched = false;

/**
 * Makes `matMul` fast on the wasm backend with a transposed operand and on
 * batches of matrices.
 *
 * tfjs-backend-wasm's BatchMatMul kernel walks a transposed operand with a
 * large stride, which measured 230 ms for a 64x8192 by 64x128 product with
 * `transposeA` against 10 ms for an explicit transpose followed by a plain
 * product. Dense-layer gradients use exactly those forms. Its fast path
 * (XNNPACK) also serves only a single matrix: a batch of 10 products
 * [2042, 128] x [128, 16] took 39 ms against 6 ms for the same ten products
 * made one by one (models with one kernel per expert or per worker use such
 * batches). This re-registers the wasm BatchMatMul kernel as a wrapper that
 * transposes explicitly (with the backend's own Transpose kernel) and makes
 * a batched product one matrix at a time, calling the original kernel
 * without transposes and freeing the temporaries. Batch dimensions that
 * broadcast other than by a batch of one go to the original kernel.
 * Idempotent; a no-op when the wasm kernels are not registered.
 */
export function patchWasmBatchMatMul(): boolean {
  if (patched) return true;
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (original === undefined || transpose === undefined) return false;
  replaceWasmKernel(original, ({ inputs, backend, attrs }) => {
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return productByMatrix(a, b, backend, attrs ?? {}, original) ?? original.kernelFunc({ inputs, backend, attrs });
    const swapLast = (t: tf.TensorInfo): tf.TensorInfo => {
      const perm = t.shape.map((_, j) => j);
      const n = perm.length;
      [perm[n - 2], perm[n - 1]] = [perm[n - 1] as number, perm[n - 2] as number];
      return transpose.kernelFunc({ inputs: { x: t }, backend, attrs: { perm } as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
    };
    const a2 = transposeA ? swapLast(a) : a;
    const b2 = transposeB ? swapLast(b) : b;
    const plain = { ...attrs, transposeA: false, transposeB: false } as unknown as tf.NamedAttrMap;
    const out = productByMatrix(a2, b2, backend, plain, original) ?? original.kernelFunc({ inputs: { a: a2, b: b2 }, backend, attrs: plain });
    const disposer = backend as unknown as { disposeData(id: object): void };
    if (a2 !== a) disposer.disposeData(a2.dataId);
    if (b2 !== b) disposer.disposeData(b2.dataId);
    return out;
  });
  patched = true;
  return true;
}


/**
 * A batched product of untransposed operands made one matrix at a time with
 * the original kernel (its single-matrix path is the fast one); undefined
 * when there is a single matrix or the batch dimensions broadcast in a way
 * this does not handle (one side with a batch of one is handled).
 */
function productByMatrix(a: tf.TensorInfo, b: tf.TensorInfo, kernelBackend: unknown, attrs: tf.NamedAttrMap, original: tf.KernelConfig): tf.TensorInfo | undefined {
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const batchA = tf.util.sizeFromShape(outerA);
  const batchB = tf.util.sizeFromShape(outerB);
  const batch = Math.max(batchA, batchB);
  if (batch <= 1 || a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  const sameOuter = outerA.length === outerB.length && outerA.every((n, j) => n === outerB[j]);
  if (!sameOuter && batchA !== 1 && batchB !== 1) return undefined;
  const backend = kernelBackend as WasmHeapBackend;
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape[b.shape.length - 1] as number;
  const outer = sameOuter ? outerA : batchA === 1 ? outerB : outerA;
  const out = backend.makeOutput([...outer, m, n], 'float32');
  const matrix = (t: tf.TensorInfo, count: number, rows: number, cols: number, i: number): tf.TensorInfo =>
    count === 1 ? t : sliceFromHeap(backend, { ...t, shape: [count, rows, cols] }, [i, 0, 0], [1, rows, cols]);
  for (let i = 0; i < batch; i++) {
    const ai = matrix(a, batchA, m, k, i);
    const bi = matrix(b, batchB, k, n, i);
    const product = original.kernelFunc({ inputs: { a: ai, b: bi }, backend: kernelBackend as tf.KernelBackend, attrs }) as tf.TensorInfo;
    // Views taken now: the kernel may have grown the heap.
    backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(product), i * m * n);
    backend.disposeData(product.dataId);
    if (ai !== a) backend.disposeData(ai.dataId);
    if (bi !== b) backend.disposeData(bi.dataId);
  }
  return out;
}
