import * as tf from '@tensorflow/tfjs-core';
import type { CrowdLabels } from '@crowdlearn/core-matrix';

/** The annotations of a minibatch of items, as tensors. */
export interface AnnotationBatch {
  /** Position of each annotation's item in the batch [E]. */
  position: tf.Tensor1D;
  /** Worker of each annotation [E]. */
  worker: tf.Tensor1D;
  /** One-hot label of each annotation [E, K]. */
  target: tf.Tensor2D;
  /** Weight of each annotation [E]. */
  weight: tf.Tensor1D;
  /** Number of annotations E. */
  count: number;
}

/** The items that have at least one annotation (what the models train on). */
export function annotatedItems(labels: CrowdLabels): Int32Array {
  return Int32Array.from({ length: labels.numItems }, (_, i) => i).filter((i) => labels.itemDegree(i) > 0);
}

/** The annotations of `items` (a minibatch) as tensors. */
export function annotationBatch(labels: CrowdLabels, items: ArrayLike<number>, weights?: Float32Array): AnnotationBatch {
  const K = labels.numClasses;
  let count = 0;
  for (let j = 0; j < items.length; j++) count += labels.itemDegree(items[j] as number);
  const position = new Int32Array(count);
  const worker = new Int32Array(count);
  const target = new Float32Array(count * K);
  const weight = new Float32Array(count);
  let a = 0;
  for (let j = 0; j < items.length; j++) {
    const i = items[j] as number;
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) {
      position[a] = j;
      worker[a] = labels.worker[e] as number;
      target[a * K + (labels.label[e] as number)] = 1;
      weight[a] = weights === undefined ? 1 : (weights[e] as number);
      a++;
    }
  }
  return {
    position: tf.tensor1d(position, 'int32'),
    worker: tf.tensor1d(worker, 'int32'),
    target: tf.tensor2d(target, [count, K]),
    weight: tf.tensor1d(weight),
    count,
  };
}

/** Weighted mean cross-entropy of probabilities `p` [E, K] against one-hot targets. */
export function weightedCrossEntropy(p: tf.Tensor2D, batch: AnnotationBatch): tf.Scalar {
  const logp = tf.log(tf.clipByValue(p, 1e-7, 1));
  const perAnnotation = tf.neg(tf.sum(tf.mul(batch.target, logp), 1));
  return tf.div(tf.sum(tf.mul(perAnnotation, batch.weight)), tf.maximum(tf.sum(batch.weight), 1e-12)) as tf.Scalar;
}

/**
 * The loss on each annotation: cross-entropy, or the focal loss
 * `-(1 - p_t)^γ log p_t` of DASC's Focal baselines (Lin et al. 2017).
 */
export type AnnotationLoss = CrossEntropyLoss | FocalLoss;

/** Cross-entropy on each annotation (the default). */
export interface CrossEntropyLoss {
  /** Discriminant. */
  type: 'crossEntropy';
}

/** The focal loss on each annotation. */
export interface FocalLoss {
  /** Discriminant. */
  type: 'focal';
  /** The focusing exponent γ (2 in DASC's baselines); 0 is cross-entropy. */
  gamma: number;
}

/**
 * Weighted mean focal loss of probabilities `p` [E, K] against one-hot
 * targets: `Σ w_e (1 - p_t)^γ (-log p_t) / Σ w_e`, with p_t the probability
 * of the annotated class. γ = 0 is cross-entropy.
 */
export function weightedFocalLoss(p: tf.Tensor2D, batch: AnnotationBatch, gamma: number): tf.Scalar {
  const pt = tf.clipByValue(tf.sum(tf.mul(batch.target, p), 1), 1e-7, 1);
  const perAnnotation = tf.mul(tf.pow(tf.sub(1, pt), gamma), tf.neg(tf.log(pt)));
  return tf.div(tf.sum(tf.mul(perAnnotation, batch.weight)), tf.maximum(tf.sum(batch.weight), 1e-12)) as tf.Scalar;
}

/** The configured annotation loss of a batch. */
export function annotationLoss(p: tf.Tensor2D, batch: AnnotationBatch, loss: AnnotationLoss = { type: 'crossEntropy' }): tf.Scalar {
  return loss.type === 'focal' ? weightedFocalLoss(p, batch, loss.gamma) : weightedCrossEntropy(p, batch);
}
