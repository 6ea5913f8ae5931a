import { CrowdError, optionList, resolveOptions, type MethodEntry } from '@crowdlearn/core-matrix';
import type { AggregationInput, AggregationResult } from '@crowdlearn/aggregators';
import { initBackend } from '@crowdlearn/neural';
import { crowdMeta, type CrowdMetaResult } from './crowdmeta.js';
import { META_LEARNING_OPTIONS, type LabelledFeatures } from './meta-representation.js';


/** What CrowdMeta runs on: the crowd and its items' features, a source domain, and a few labelled instances of the crowd's classes. */
export interface CrowdMetaInput extends AggregationInput {
  /** Labelled instances of other classes (the source domain of the meta-learning). */
  source?: LabelledFeatures;
  /** A few labelled instances of each crowd class (classes 0..K-1), for fine-tuning. */
  support?: LabelledFeatures;
}

/** CrowdMeta as truth inference: the result is an {@link AggregationResult} with the expertise model and the representations. */
export const CROWDMETA_AGGREGATOR: MethodEntry<CrowdMetaInput, CrowdMetaResult & AggregationResult> = {
  name: 'crowdmeta',
  family: 'aggregation',
  summary: 'CrowdMeta: EM with logistic worker expertise over a meta-learned item representation (needs a source domain and a support set)',
  cite: 'Xu, Zhang, "Crowdsourcing with Meta-Knowledge Transfer", AAAI 2022 (student abstract)',
  options: optionList(META_LEARNING_OPTIONS),
  capabilities: { needsFeatures: true, binaryOnly: false, randomness: 'seeded', yields: ['posteriors', 'worker-skills'], memory: 'labels', neural: true, inputs: { source: 'required', support: 'required' } },
  presets: [],
  run: async (input, options, context) => {
    const o = resolveOptions('crowdmeta', META_LEARNING_OPTIONS, options as { metaIters?: number; secondOrder?: boolean });
    if (input.features === undefined || input.source === undefined || input.support === undefined) {
      throw new CrowdError('INVALID_ARGUMENT', 'crowdmeta needs item features, a source domain and a support set', { expected: 'features, source and support' });
    }
    await initBackend();
    const r = await crowdMeta(
      input.labels,
      { source: input.source, support: input.support, target: input.features, numClasses: input.labels.numClasses },
      { representation: { seed: context.seed ?? 0, metaIters: o.metaIters, secondOrder: o.secondOrder } },
    );
    const details = {
      metaIters: o.metaIters,
      secondOrder: o.secondOrder,
      sourceInstances: input.source.features.numRows,
      sourceClasses: new Set(input.source.classes).size,
      supportInstances: input.support.features.numRows,
      episode: r.representation.episode,
      rounds: r.rounds,
      ...(r.representation.warnings.length > 0 ? { warnings: r.representation.warnings } : {}),
    };
    return { ...r, method: 'crowdmeta', iterations: r.rounds, details };
  },
};
