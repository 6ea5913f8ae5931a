import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@crowdlearn/core-matrix';
import { initBias, initKernel } from '@crowdlearn/neural';

/**
 * The MLP that MAML adapts (specs/crowdmeta.md §2.1): d → hidden → ... →
 * outputs with ReLU and no batch norm, written functionally so that the
 * same forward pass runs on the meta-parameters θ or on adapted copies θ'.
 * Weights are the list [W₀, b₀, W₁, b₁, ...].
 */
export class MetaNet {
  /** θ, the meta-parameters. */
  readonly params: tf.Variable[];
  /** Layer sizes, input first. */
  readonly sizes: readonly number[];

  constructor(inputDim: number, hidden: readonly number[], outputDim: number, rng: Rng) {
    this.sizes = [inputDim, ...hidden, outputDim];
    this.params = [];
    for (let l = 0; l + 1 < this.sizes.length; l++) {
      const [fanIn, fanOut] = [this.sizes[l] as number, this.sizes[l + 1] as number];
      this.params.push(...layer(fanIn, fanOut, rng));
    }
  }

  /** The output logits of x under `weights` (θ by default). */
  logits(x: tf.Tensor2D, weights: readonly tf.Tensor[] = this.params): tf.Tensor2D {
    return this.#run(x, weights, this.sizes.length - 1);
  }

  /** The last hidden layer's activations (the `'penultimate'` representation). */
  penultimate(x: tf.Tensor2D, weights: readonly tf.Tensor[] = this.params): tf.Tensor2D {
    return this.#run(x, weights, this.sizes.length - 2);
  }

  #run(x: tf.Tensor2D, weights: readonly tf.Tensor[], layers: number): tf.Tensor2D {
    let h: tf.Tensor2D = x;
    for (let l = 0; l < layers; l++) {
      h = tf.add(tf.matMul(h, weights[2 * l] as tf.Tensor2D), weights[2 * l + 1] as tf.Tensor1D);
      if (l < this.sizes.length - 2) h = tf.relu(h);
    }
    return h;
  }

  /** Replaces the output layer with a fresh one of `outputDim` units (fine-tuning with `ftHead: 'reinit'`). */
  reinitHead(outputDim: number, rng: Rng): void {
    const fanIn = this.sizes[this.sizes.length - 2] as number;
    const [w, b] = this.params.splice(-2, 2) as [tf.Variable, tf.Variable];
    w.dispose();
    b.dispose();
    this.params.push(...layer(fanIn, outputDim, rng));
    (this.sizes as number[])[this.sizes.length - 1] = outputDim;
  }

  /** Frees θ. */
  dispose(): void {
    this.params.forEach((p) => p.dispose());
  }
}

/** A dense layer's kernel (Glorot uniform from `rng`) and zero bias, as variables. */
function layer(fanIn: number, fanOut: number, rng: Rng): [tf.Variable, tf.Variable] {
  // tidy frees the initial tensors the variables were made from
  return tf.tidy(() => [tf.variable(initKernel(fanIn, fanOut, 'glorotUniform', rng), true), tf.variable(initBias(fanIn, fanOut, 'glorotUniform', rng), true)]);
}

/**
 * Mean softmax cross-entropy of the logits against integer labels, as
 * log Σ exp(z) − z_y from plain ops: TF.js's `softmaxCrossEntropy` has a
 * custom gradient, which second-order MAML cannot differentiate again (its
 * meta-gradient came out equal to the first-order one).
 */
export function episodeLoss(logits: tf.Tensor2D, labels: Int32Array, numClasses: number): tf.Scalar {
  const target = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), numClasses), 'float32');
  // Each row's shift that keeps exp finite is a constant read from the values (tf.max's gradient needs Equal's, which
  // TF.js lacks). Per row: one shift for the batch let a row far below the batch's maximum underflow to log 0.
  const [rows, cols] = logits.shape;
  const values = logits.dataSync() as Float32Array;
  const rowMax = Float32Array.from({ length: rows }, (_, r) => Math.max(...values.subarray(r * cols, (r + 1) * cols)));
  const shift = tf.tensor2d(rowMax, [rows, 1]);
  const logNorm = tf.add(tf.log(tf.sum(tf.exp(tf.sub(logits, shift)), 1)), tf.reshape(shift, [rows]));
  return tf.mean(tf.sub(logNorm, tf.sum(tf.mul(target, logits), 1)));
}

/**
 * Eq. 1, repeated: `steps` gradient steps of size α on a task's support set,
 * starting from `weights`. Returns the adapted weights θ'. With
 * `differentiable` the steps stay on the gradient tape (second-order MAML
 * differentiates through them); call it inside `tf.tidy` or dispose the
 * result.
 */
export function adapt(net: MetaNet, weights: readonly tf.Tensor[], x: tf.Tensor2D, labels: Int32Array, numClasses: number, steps: number, alpha: number): tf.Tensor[] {
  let current = [...weights];
  for (let s = 0; s < steps; s++) {
    const grads = tf.grads((...w: tf.Tensor[]) => episodeLoss(net.logits(x, w), labels, numClasses))(current);
    current = current.map((w, j) => tf.sub(w, tf.mul(grads[j] as tf.Tensor, alpha)));
  }
  return current;
}

/** One task's data for {@link metaGradient}: support and query rows with episode labels. */
export interface TaskBatch {
  /** Support inputs [n, d]. */
  support: tf.Tensor2D;
  /** Their labels, 0..nWay-1. */
  supportLabels: Int32Array;
  /** Query inputs [m, d]. */
  query: tf.Tensor2D;
  /** Their labels, 0..nWay-1. */
  queryLabels: Int32Array;
}

/** A task's meta-gradient, one tensor per parameter of θ, and its query loss (a type, so that `tf.tidy` can return it). */
export type MetaGradient = {
  /** ∂ query loss / ∂θ, in the order of `MetaNet.params`. */
  grads: tf.Tensor[];
  /** The query loss at θ'. */
  loss: tf.Scalar;
};

/**
 * One task's meta-gradient (Eq. 2) with respect to θ and its query loss:
 * adapt on the support set, then differentiate the query loss at θ'.
 * First-order (default, as the code) takes the gradient at θ' as the
 * gradient for θ; second-order differentiates through the inner steps.
 */
export function metaGradient(net: MetaNet, task: TaskBatch, numClasses: number, steps: number, alpha: number, secondOrder = false): MetaGradient {
  return tf.tidy(() => {
    const queryLoss = (w: tf.Tensor[]) => episodeLoss(net.logits(task.query, w), task.queryLabels, numClasses);
    if (secondOrder) {
      const { value, grads } = tf.variableGrads(() => queryLoss(adapt(net, net.params, task.support, task.supportLabels, numClasses, steps, alpha)), net.params);
      return { grads: net.params.map((p) => grads[p.name] as tf.Tensor), loss: value };
    }
    const adapted = adapt(net, net.params, task.support, task.supportLabels, numClasses, steps, alpha);
    const { value, grads } = tf.valueAndGrads((...w: tf.Tensor[]) => queryLoss(w))(adapted);
    return { grads, loss: value };
  });
}
