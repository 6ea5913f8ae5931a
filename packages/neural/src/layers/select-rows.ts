import * as tf from '@tensorflow/tfjs-core';

/**
 * `table[indices]` as a one-hot product, `oneHot(indices) · table`, which
 * has a gradient on every backend: `tf.gather`'s gradient needs the
 * UnsortedSegmentSum kernel, which the wasm backend does not have.
 * @param table - [rows, columns].
 * @param indices - [n] int32 row indices.
 */
export function selectRows(table: tf.Tensor2D, indices: tf.Tensor1D): tf.Tensor2D {
  // An int32 one-hot and a cast: the wasm OneHot kernel ignores a float32 dtype and writes integer bit
  // patterns (a 1 reads as 1.4e-45), measured with tfjs-backend-wasm 4.22.
  // tf.oneHot needs a depth of at least 2; with one row every index selects it.
  const oneHot =
    table.shape[0] === 1 ? tf.ones([indices.shape[0], 1]) : (tf.cast(tf.oneHot(indices, table.shape[0]), 'float32') as tf.Tensor2D);
  return tf.matMul(oneHot as tf.Tensor2D, table);
}
