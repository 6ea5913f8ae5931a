/**
 * `@crowdlearn/crowdmeta`: CrowdMeta, truth inference with meta-knowledge
 * transfer. A representation of every target item is meta-learned (MAML)
 * from a few source-domain instances and fine-tuned on a few target
 * instances; an EM then infers the truth with each worker's quality on an
 * item a logistic function of that representation. Also the paper's
 * simulation protocol on bundled feature datasets.
 *
 * @packageDocumentation
 */
export { crowdMeta } from './crowdmeta.js';
export type { CrowdMetaOptions, CrowdMetaResult } from './crowdmeta.js';
export { metaRepresentation } from './meta-representation.js';
export type { LabelledFeatures, MetaRepresentation, MetaRepresentationInput, MetaRepresentationOptions } from './meta-representation.js';
export { inferWithExpertise, eStep, expectedLogLikelihood, expertiseGradient, expertiseMStep, marginalLogLikelihood, quality } from './expertise-em.js';
export type { ExpertiseEmOptions, ExpertiseEmResult, MStepSettings } from './expertise-em.js';
export { MetaNet, adapt, episodeLoss, metaGradient } from './meta-net.js';
export type { MetaGradient, TaskBatch } from './meta-net.js';
export { episodeShape, rowsByClass, sampleEpisode } from './episodes.js';
export type { Episode, EpisodeShape } from './episodes.js';
export { classDisjointTask, labelledPool, simulateMetaCrowd } from './meta-task.js';
export type { MetaTask, MetaTaskOptions, TaskRows } from './meta-task.js';
export { crowdMktRepresentation, crowdTruRepresentation } from './crowdmkt.js';
export type { TransferRepresentation } from './crowdmkt.js';
export { encode, learnDictionary, ompCode } from './ksvd.js';
export type { Dictionary, KsvdOptions, SparseCode } from './ksvd.js';
export { CROWDMETA_AGGREGATOR } from './catalogue.js';
export type { CrowdMetaInput } from './catalogue.js';
