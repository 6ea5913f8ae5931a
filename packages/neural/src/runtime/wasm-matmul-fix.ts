import * as tf from '@tensorflow/tfjs-core';

let patched = false;

/**
 * Makes `matMul` with a transposed operand fast on the wasm backend.
 *
 * tfjs-backend-wasm's BatchMatMul kernel walks a transposed operand with a
 * large stride, which measured 230 ms for a 64x8192 by 64x128 product with
 * `transposeA` against 10 ms for an explicit transpose followed by a plain
 * product. Dense-layer gradients use exactly those forms. This re-registers
 * the wasm BatchMatMul kernel as a wrapper that transposes explicitly (with
 * the backend's own Transpose kernel) and calls the original without
 * transposes, freeing the temporaries. Idempotent; a no-op when the wasm
 * kernels are not registered.
 */
export function patchWasmBatchMatMul(): boolean {
  if (patched) return true;
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (original === undefined || transpose === undefined) return false;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  const config: tf.KernelConfig = {
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return original.kernelFunc({ inputs, backend, attrs });
      const swapLast = (t: tf.TensorInfo): tf.TensorInfo => {
        const perm = t.shape.map((_, j) => j);
        const n = perm.length;
        [perm[n - 2], perm[n - 1]] = [perm[n - 1] as number, perm[n - 2] as number];
        return transpose.kernelFunc({ inputs: { x: t }, backend, attrs: { perm } as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
      };
      const a2 = transposeA ? swapLast(a) : a;
      const b2 = transposeB ? swapLast(b) : b;
      const out = original.kernelFunc({
        inputs: { a: a2, b: b2 },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false } as unknown as tf.NamedAttrMap,
      });
      const disposer = backend as unknown as { disposeData(id: object): void };
      if (a2 !== a) disposer.disposeData(a2.dataId);
      if (b2 !== b) disposer.disposeData(b2.dataId);
      return out;
    },
  };
  if (original.setupFunc !== undefined) config.setupFunc = original.setupFunc;
  if (original.disposeFunc !== undefined) config.disposeFunc = original.disposeFunc;
  tf.registerKernel(config);
  patched = true;
  return true;
}
