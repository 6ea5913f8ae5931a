import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@crowdlearn/core-matrix';

/** Inverted dropout with a mask drawn from `rng` (so runs are reproducible); identity when not training. */
export function dropout(x: tf.Tensor2D, rate: number, training: boolean, rng: Rng): tf.Tensor2D {
  if (!training || rate <= 0) return x;
  const keep = 1 - rate;
  const draws = rng.fillUniform(new Float64Array(x.size));
  const mask = new Float32Array(x.size);
  const scale = 1 / keep;
  for (let j = 0; j < mask.length; j++) if ((draws[j] as number) < keep) mask[j] = scale;
  return tf.mul(x, tf.tensor2d(mask, x.shape)) as tf.Tensor2D;
}
