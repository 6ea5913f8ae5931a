import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@crowdlearn/core-matrix';

/** How a dense kernel is initialised. */
export type KernelInit =
  /** U(±sqrt(6 / (fan_in + fan_out))), Keras' default. */
  | 'glorotUniform'
  /** U(±sqrt(6 / fan_in)), for ReLU layers. */
  | 'heUniform'
  /** U(±1 / sqrt(fan_in)), PyTorch's default for Linear layers. */
  | 'pytorchUniform';

/**
 * A [fanIn, fanOut] kernel drawn from `rng`, so the same seed gives the same
 * initial weights on every backend.
 */
export function initKernel(fanIn: number, fanOut: number, init: KernelInit, rng: Rng): tf.Tensor2D {
  const limit =
    init === 'glorotUniform' ? Math.sqrt(6 / (fanIn + fanOut)) : init === 'heUniform' ? Math.sqrt(6 / fanIn) : 1 / Math.sqrt(fanIn);
  const values = new Float32Array(fanIn * fanOut);
  for (let j = 0; j < values.length; j++) values[j] = rng.uniform(-limit, limit);
  return tf.tensor2d(values, [fanIn, fanOut]);
}

/** A bias vector: zeros, or U(±1/sqrt(fan_in)) for the PyTorch-style init. */
export function initBias(fanIn: number, size: number, init: KernelInit, rng: Rng): tf.Tensor1D {
  if (init !== 'pytorchUniform') return tf.zeros([size]);
  const limit = 1 / Math.sqrt(fanIn);
  return tf.tensor1d(Float32Array.from({ length: size }, () => rng.uniform(-limit, limit)));
}
