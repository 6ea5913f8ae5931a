import * as tf from '@tensorflow/tfjs-core';

/**
 * The rows `rows` of a row-major host matrix (`data`, `numCols` columns) as a
 * [rows, numCols] tensor. Building minibatches on the host is much cheaper
 * than `tf.gather` on a device tensor: on wasm, gathering 64 rows of a
 * 1000 x 8192 tensor took 28 ms against about 1 ms for this copy.
 */
export function rowsTensor(data: Float32Array, numCols: number, rows: ArrayLike<number>): tf.Tensor2D {
  const out = new Float32Array(rows.length * numCols);
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j] as number;
    out.set(data.subarray(i * numCols, (i + 1) * numCols), j * numCols);
  }
  return tf.tensor2d(out, [rows.length, numCols]);
}
