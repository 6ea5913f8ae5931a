import * as tf from '@tensorflow/tfjs-core';

/*
 * One small matrix per row (a worker's confusion matrix or head for each
 * annotation) as a broadcast multiply and a sum, not a batched matMul: a
 * batch of E tiny [1, K] x [K, K] products costs E kernel calls on the wasm
 * backend (its batched path runs matrix by matrix) forwards and twice
 * backwards, which made the crowd layer most of a training step. The
 * multiply-and-sum is two kernels whatever E is.
 */

/** Row e of `v` [E, K] times matrix e of `m` [E, K, N]: the [E, N] products `v[e] · m[e]`. */
export function vectorTimesMatrices(v: tf.Tensor2D, m: tf.Tensor3D): tf.Tensor2D {
  return tf.sum(tf.mul(tf.expandDims(v, 2), m), 1) as tf.Tensor2D;
}

/** Matrix e of `m` [E, K, H] times row e of `v` [E, H]: the [E, K] products `m[e] · v[e]`. */
export function matricesTimesVectors(m: tf.Tensor3D, v: tf.Tensor2D): tf.Tensor2D {
  return tf.sum(tf.mul(m, tf.expandDims(v, 1)), 2) as tf.Tensor2D;
}
