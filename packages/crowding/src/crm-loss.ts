import * as tf from '@tensorflow/tfjs-core';

/** Options of {@link crmLoss}. */
export interface CrmOptions {
  /** κ: importance weights are clipped at κ (`Infinity`: no clipping). */
  ipsClip: number;
  /** μ: `'batchMean'` (the mean of δ over the cells) or a fixed number. */
  baseline: 'batchMean' | number;
}

/** G₀(ỹ) is clamped here: a sampled label cannot have probability 0, but rounding can make it so. */
const MIN_LOGGED = 1e-8;

/**
 * Counterfactual risk minimisation on logged bandit feedback
 * (specs/crowding.md §3.2, Eqs. 5-6): the mean over the update's cells S of
 * `(δ - μ) · min(G_θ(ỹ) / G₀(ỹ), κ)`, where ỹ was sampled from the logging
 * policy G₀, `G_θ(ỹ)` is its probability under the policy being trained,
 * and δ its cost. `logged` and `cost` must be constants (tensors made from
 * host values, not from variables): no gradient may flow through them. With
 * `G_θ = G₀` and κ = ∞ the gradient is `1/|S| Σ (δ - μ) ∇ log G_θ(ỹ)`.
 *
 * @param probability - [S] `G_θ(ỹ)`, inside the caller's graph.
 * @param logged - [S] `G₀(ỹ)`.
 * @param cost - [S] δ.
 */
export function crmLoss(probability: tf.Tensor1D, logged: tf.Tensor1D, cost: tf.Tensor1D, options: CrmOptions): tf.Scalar {
  return tf.tidy(() => {
    const mu = options.baseline === 'batchMean' ? tf.mean(cost) : tf.scalar(options.baseline);
    const advantage = tf.sub(cost, mu);
    let weight: tf.Tensor = tf.div(probability, tf.maximum(logged, MIN_LOGGED));
    if (Number.isFinite(options.ipsClip)) weight = tf.minimum(weight, options.ipsClip);
    return tf.mean(tf.mul(advantage, weight)) as tf.Scalar;
  });
}
