import * as tf from '@tensorflow/tfjs-core';
import { FusedAdam } from './fused-adam.js';

/** An optimiser and its settings. */
export type OptimizerSpec = AdamSpec | SgdSpec | CyclicSgdSpec;

/** Adam (defaults β1 0.9, β2 0.999, ε 1e-7, as TF.js). */
export interface AdamSpec {
  /** Discriminant. */
  type: 'adam';
  /** Step size. */
  learningRate: number;
  /** First-moment decay. */
  beta1?: number;
  /** Second-moment decay. */
  beta2?: number;
  /** Denominator constant. */
  epsilon?: number;
}

/** Plain SGD, or SGD with momentum. */
export interface SgdSpec {
  /** Discriminant. */
  type: 'sgd';
  /** Step size. */
  learningRate: number;
  /** Momentum; none when absent. */
  momentum?: number;
}

/**
 * SGD with a triangular cyclic learning rate in [minLearningRate,
 * maxLearningRate] and momentum cycled inversely in [minMomentum,
 * maxMomentum]; one half-cycle is `stepSize` steps (the WDN Music schedule).
 */
export interface CyclicSgdSpec {
  /** Discriminant. */
  type: 'cyclicSgd';
  /** Lowest learning rate (with the highest momentum). */
  minLearningRate: number;
  /** Highest learning rate (with the lowest momentum). */
  maxLearningRate: number;
  /** Lowest momentum. */
  minMomentum: number;
  /** Highest momentum. */
  maxMomentum: number;
  /** Steps per half-cycle. */
  stepSize: number;
}

/** An optimiser with a per-step hook for schedules. */
export interface ScheduledOptimizer {
  /** The TF.js optimiser. */
  optimizer: tf.Optimizer;
  /** Called before every step with the global step index. */
  beforeStep(step: number): void;
}

/** Builds the optimiser for a spec (Adam is {@link FusedAdam}: `tf.train.adam`'s results in one pass per variable). */
export function createOptimizer(spec: OptimizerSpec): ScheduledOptimizer {
  if (spec.type === 'adam') {
    return { optimizer: new FusedAdam(spec.learningRate, spec.beta1, spec.beta2, spec.epsilon), beforeStep: () => {} };
  }
  if (spec.type === 'sgd') {
    const optimizer = spec.momentum ? tf.train.momentum(spec.learningRate, spec.momentum) : tf.train.sgd(spec.learningRate);
    return { optimizer, beforeStep: () => {} };
  }
  const optimizer = tf.train.momentum(spec.maxLearningRate, spec.minMomentum);
  return {
    optimizer,
    beforeStep: (step) => {
      // triangular wave in [0, 1]: 0 at the cycle's start, 1 at its middle
      const cycle = (step % (2 * spec.stepSize)) / spec.stepSize;
      const x = cycle <= 1 ? cycle : 2 - cycle;
      optimizer.setLearningRate(spec.minLearningRate + x * (spec.maxLearningRate - spec.minLearningRate));
      optimizer.setMomentum(spec.maxMomentum - x * (spec.maxMomentum - spec.minMomentum));
    },
  };
}
