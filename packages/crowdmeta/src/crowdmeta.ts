import type { CrowdLabels } from '@crowdlearn/core-matrix';
import { inferWithExpertise, type ExpertiseEmOptions, type ExpertiseEmResult } from './expertise-em.js';
import { metaRepresentation, type MetaRepresentation, type MetaRepresentationInput, type MetaRepresentationOptions } from './meta-representation.js';

/** Options of {@link crowdMeta}. */
export interface CrowdMetaOptions {
  /** The meta-learning stage. */
  representation?: MetaRepresentationOptions;
  /** The truth-inference stage. */
  em?: ExpertiseEmOptions;
}

/** CrowdMeta's result: the inferred truth, with both stages' details. */
export interface CrowdMetaResult extends ExpertiseEmResult {
  /** The item representations and how they were learned. */
  representation: MetaRepresentation;
}

/**
 * CrowdMeta (specs/crowdmeta.md): learn a representation v_i of every target
 * item by meta-learning on a few source instances and fine-tuning on a few
 * target instances, then infer the truth by EM with each worker's quality on
 * an item modelled as σ(v_i · e_w). `labels` are the crowd's labels of the
 * target items, aligned with `input.target`.
 */
export async function crowdMeta(labels: CrowdLabels, input: MetaRepresentationInput, options: CrowdMetaOptions = {}): Promise<CrowdMetaResult> {
  const representation = await metaRepresentation(input, options.representation);
  const inferred = inferWithExpertise(labels, representation.V, representation.dim, {
    ...(options.representation?.seed !== undefined ? { seed: options.representation.seed } : {}),
    ...options.em,
  });
  return { ...inferred, representation };
}
