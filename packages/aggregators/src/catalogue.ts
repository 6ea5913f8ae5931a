import { CrowdError, optionList, requireFeatures, type CrowdLabels, type Features, type GoldLabels, type MethodCapabilities, type MethodEntry, type OptionTable } from '@crowdlearn/core-matrix';
import { aggregate, type AggregateOptions } from './aggregate.js';
import { AALI_OPTIONS } from './methods/aali.js';
import { CATD_OPTIONS } from './methods/catd.js';
import { LFC_OPTIONS } from './methods/lfc.js';
import { IBCC_OPTIONS } from './methods/ibcc.js';
import { VI_MF_OPTIONS } from './methods/vi-mf.js';
import { CBCC_OPTIONS } from './methods/cbcc.js';
import { MINIMAX_ENTROPY_OPTIONS } from './methods/minimax-entropy.js';
import { VI_BP_OPTIONS } from './methods/vi-bp.js';
import { PM_CRH_OPTIONS } from './methods/pm-crh.js';
import { DAWID_SKENE_OPTIONS } from './methods/dawid-skene.js';
import { DEWSMV_OPTIONS } from './methods/dewsmv.js';
import { FAST_DAWID_SKENE_OPTIONS } from './methods/fds.js';
import { GLAD_OPTIONS } from './methods/glad.js';
import { CGLAD_OPTIONS } from './methods/cglad.js';
import { GOLD_MAJORITY_VOTE_OPTIONS } from './methods/gold-majority-vote.js';
import { M_MSR_OPTIONS } from './methods/m-msr.js';
import { GTIC_OPTIONS } from './methods/gtic.js';
import { HDS_OPTIONS } from './methods/hds.js';
import { IRT_OPTIONS } from './methods/irt.js';
import { KOS_OPTIONS } from './methods/kos.js';
import { MACE_OPTIONS } from './methods/mace.js';
import { weightedMajorityVote } from './methods/majority-vote.js';
import { MNLDP_OPTIONS } from './methods/mnldp.js';
import { ONE_COIN_DAWID_SKENE_OPTIONS } from './methods/one-coin-dawid-skene.js';
import { ZENCROWD_OPTIONS } from './methods/zencrowd.js';
import { ZERO_BASED_SKILL_OPTIONS } from './methods/zero-based-skill.js';
import type { AggregationResult } from './types.js';

/** What a truth-inference method runs on. */
export interface AggregationInput {
  /** The crowd's labels. */
  labels: CrowdLabels;
  /** Item features aligned to the items, for the methods that need them. */
  features?: Features;
  /** One weight per worker, for weighted majority vote (`wmv`). */
  workerWeights?: ArrayLike<number>;
  /** Items whose true class is known: required by `gold-mv`, clamped by `ds` when given. */
  trueLabels?: GoldLabels;
}

/** A truth-inference method in a catalogue: it runs on {@link AggregationInput} and returns an {@link AggregationResult}. */
export type AggregatorEntry = MethodEntry<AggregationInput, AggregationResult>;

/** The option every aggregator takes. */
export const COMMON_AGGREGATOR_OPTIONS = {
  tieBreak: { kind: 'choice', choices: ['random', 'lowest'], default: 'random', description: 'how exact ties between classes are broken in the labels: seeded random, or the lowest class' },
} as const satisfies OptionTable;

const CITE = {
  ds: 'A. P. Dawid, A. M. Skene, "Maximum likelihood estimation of observer error-rates using the EM algorithm", Applied Statistics 28(1), 1979',
  crowdkit: 'D. Ustalov, N. Pavlichenko, B. Tseitlin, "Learning from crowds with Crowd-Kit", JOSS 9(96), 2024',
  lfc: 'V. C. Raykar, S. Yu, L. H. Zhao, G. H. Valadez, C. Florin, L. Bogoni, L. Moy, "Learning from crowds", JMLR 11, 2010',
  mmlc: 'as the baseline of "Mixture of Experts Based Multi-Task Supervise Learning from Crowds", AAAI 2025',
};

/** Capabilities of a plain label-only method: no features, any number of classes, linear memory, no TF.js. */
function labelOnly(randomness: MethodCapabilities['randomness'], yields: MethodCapabilities['yields']): MethodCapabilities {
  return { needsFeatures: false, binaryOnly: false, randomness, yields, memory: 'labels', neural: false };
}

/** A catalogue entry that runs through {@link aggregate}. */
function viaAggregate(
  name: AggregateOptions['method'],
  summary: string,
  cite: string,
  table: OptionTable,
  capabilities: MethodCapabilities,
): AggregatorEntry {
  return {
    name,
    family: 'aggregation',
    summary,
    cite,
    options: optionList({ ...COMMON_AGGREGATOR_OPTIONS, ...table }),
    capabilities,
    presets: [],
    run: async (input, options, context) => {
      const data = capabilities.needsFeatures ? { features: requireFeatures(name, input.features) } : {};
      const known = capabilities.inputs?.trueLabels;
      if (known === 'required' && input.trueLabels === undefined) throw new CrowdError('INVALID_ARGUMENT', `${name} needs items whose true class is known`, { expected: 'trueLabels: gold labels for some items' });
      const trueLabels = known !== undefined && input.trueLabels !== undefined ? { trueLabels: input.trueLabels } : {};
      return aggregate(input.labels, { ...options, ...data, ...trueLabels, method: name, seed: context.seed ?? 0 } as AggregateOptions);
    },
  };
}

/**
 * The truth-inference methods of this package, in a fixed order: what the
 * command line's `aggregate --method` and `methods`, and the bench's
 * aggregators suite, are built from. Each entry's options carry the
 * method's defaults (the same tables the method resolves its options with).
 */
export const AGGREGATORS: readonly AggregatorEntry[] = [
  viaAggregate('mv', 'majority vote', 'the baseline of every crowdsourcing paper', {}, labelOnly('seeded', ['posteriors'])),
  {
    name: 'wmv',
    family: 'aggregation',
    summary: 'weighted majority vote with given worker weights',
    cite: 'the baseline of every crowdsourcing paper',
    options: optionList(COMMON_AGGREGATOR_OPTIONS),
    capabilities: { ...labelOnly('seeded', ['posteriors']), inputs: { workerWeights: 'required' } },
    presets: [],
    run: async (input, options, context) => {
      if (input.workerWeights === undefined) throw new CrowdError('INVALID_ARGUMENT', 'wmv needs worker weights', { expected: 'one weight per worker' });
      return weightedMajorityVote(input.labels, { ...options, workerWeights: input.workerWeights, seed: context.seed ?? 0 });
    },
  },
  viaAggregate('wawa', 'worker agreement with aggregate: MV weighted by each worker\'s agreement with MV', CITE.crowdkit, {}, labelOnly('deterministic', ['posteriors', 'worker-skills'])),
  viaAggregate('zbs', 'zero-based skill: skills learned by gradient steps toward agreement', CITE.crowdkit, ZERO_BASED_SKILL_OPTIONS, labelOnly('deterministic', ['posteriors', 'worker-skills'])),
  viaAggregate(
    'ds',
    'Dawid-Skene EM: a confusion matrix per worker (crowd-kit initialisation and stopping rule; known labels clamped when given)',
    CITE.ds,
    DAWID_SKENE_OPTIONS,
    { ...labelOnly('deterministic', ['posteriors', 'confusions']), inputs: { trueLabels: 'optional' } },
  ),
  viaAggregate(
    'one-coin-ds',
    'one-coin Dawid-Skene: one accuracy per worker',
    'Y. Zhang, X. Chen, D. Zhou, M. I. Jordan, "Spectral methods meet EM: a provably optimal algorithm for crowdsourcing", JMLR 17, 2016',
    ONE_COIN_DAWID_SKENE_OPTIONS,
    labelOnly('deterministic', ['posteriors', 'worker-skills', 'confusions']),
  ),
  viaAggregate(
    'zencrowd',
    'ZenCrowd: one reliability per worker, uniform prior',
    'G. Demartini, D. E. Difallah, P. Cudré-Mauroux, "ZenCrowd: leveraging probabilistic reasoning and crowdsourcing techniques for large-scale entity linking", WWW 2012',
    ZENCROWD_OPTIONS,
    labelOnly('deterministic', ['posteriors', 'worker-skills', 'confusions']),
  ),
  viaAggregate(
    'hds',
    'homogeneous Dawid-Skene: errors spread uniformly over the wrong classes (MMLC)',
    CITE.mmlc,
    HDS_OPTIONS,
    labelOnly('deterministic', ['posteriors', 'confusions']),
  ),
  viaAggregate(
    'fds',
    'fast Dawid-Skene: hard-EM',
    'V. B. Sinha, S. Rao, V. N. Balasubramanian, "Fast Dawid-Skene: a fast vote aggregation scheme for sentiment classification", KDD WISDOM 2018',
    FAST_DAWID_SKENE_OPTIONS,
    labelOnly('seeded', ['posteriors', 'confusions']),
  ),
  viaAggregate(
    'glad',
    'GLAD: worker ability and item difficulty',
    'J. Whitehill, P. Ruvolo, T. Wu, J. Bergsma, J. Movellan, "Whose vote should count more: optimal integration of labels from labelers of unknown expertise", NeurIPS 2009',
    GLAD_OPTIONS,
    labelOnly('deterministic', ['posteriors', 'worker-skills']),
  ),
  viaAggregate(
    'cglad',
    'CGLAD: GLAD with one difficulty per cluster of items (ALS item factors, k-means), for scale',
    'E. G. Rodrigo, J. A. Aledo, J. A. Gámez, "spark-crowd: a Spark package for learning from crowdsourced big data", JMLR 20, 2019',
    CGLAD_OPTIONS,
    { ...labelOnly('seeded', ['posteriors', 'worker-skills']), binaryOnly: true },
  ),
  viaAggregate(
    'irt',
    'item-response model with a difference link (the fitting stage of MMLC\'s G_IRT)',
    CITE.mmlc,
    IRT_OPTIONS,
    labelOnly('deterministic', ['posteriors', 'worker-skills']),
  ),
  viaAggregate(
    'mace',
    'MACE: competence and spamming strategy per worker, variational Bayes',
    'D. Hovy, T. Berg-Kirkpatrick, A. Vaswani, E. Hovy, "Learning whom to trust with MACE", NAACL-HLT 2013',
    MACE_OPTIONS,
    labelOnly('seeded', ['posteriors', 'worker-skills']),
  ),
  viaAggregate(
    'kos',
    'Karger-Oh-Shah message passing',
    'D. R. Karger, S. Oh, D. Shah, "Budget-optimal task allocation for reliable crowdsourcing systems", Operations Research 62(1), 2014',
    KOS_OPTIONS,
    { ...labelOnly('seeded', ['posteriors']), binaryOnly: true },
  ),
  viaAggregate(
    'gold-mv',
    "gold majority vote: each worker's accuracy on the items with a known class weighs their votes",
    CITE.crowdkit,
    GOLD_MAJORITY_VOTE_OPTIONS,
    { ...labelOnly('deterministic', ['posteriors', 'worker-skills']), inputs: { trueLabels: 'required' } },
  ),
  viaAggregate(
    'm-msr',
    'M-MSR: worker skills by robust rank-one completion of their agreement matrix, then a log-odds weighted vote',
    'Q. Ma, A. Olshevsky, "Adversarial crowdsourcing through robust rank-one matrix completion", NeurIPS 2020',
    M_MSR_OPTIONS,
    labelOnly('seeded', ['posteriors', 'worker-skills']),
  ),
  viaAggregate(
    'catd',
    "CATD: confidence-aware truth discovery, a worker's weight the upper end of a confidence interval on their precision",
    'Q. Li, Y. Li, J. Gao, L. Su, B. Zhao, M. Demirbas, W. Fan, J. Han, "A confidence-aware approach for truth discovery on long-tail data", PVLDB 8(4), 2014',
    CATD_OPTIONS,
    labelOnly('seeded', ['posteriors', 'worker-skills']),
  ),
  viaAggregate(
    'pm-crh',
    "PM / CRH: a worker's weight minus the log of their share of the largest disagreement",
    'Q. Li, Y. Li, J. Gao, B. Zhao, W. Fan, J. Han, "Resolving conflicts in heterogeneous data by truth discovery and source reliability estimation", SIGMOD 2014',
    PM_CRH_OPTIONS,
    labelOnly('seeded', ['posteriors', 'worker-skills']),
  ),
  viaAggregate(
    'ibcc',
    'IBCC / BCC: Bayesian confusion matrices with Dirichlet priors, by variational Bayes (pyIBCC)',
    'H.-C. Kim, Z. Ghahramani, "Bayesian classifier combination", AISTATS 2012; E. Simpson, S. Roberts, I. Psorakis, A. Smith, "Dynamic Bayesian combination of multiple imperfect classifiers", 2013',
    IBCC_OPTIONS,
    labelOnly('deterministic', ['posteriors', 'confusions']),
  ),
  viaAggregate(
    'vi-mf',
    "VI-MF: mean-field variational inference over the workers' Dirichlet confusion rows",
    'Q. Liu, J. Peng, A. Ihler, "Variational inference for crowdsourcing", NeurIPS 2012',
    VI_MF_OPTIONS,
    labelOnly('deterministic', ['posteriors', 'confusions']),
  ),
  viaAggregate(
    'cbcc',
    "community BCC: workers' confusion matrices drawn around their community's, by variational message passing",
    'M. Venanzi, J. Guiver, G. Kazai, P. Kohli, M. Shokouhi, "Community-based Bayesian aggregation models for crowdsourcing", WWW 2014',
    CBCC_OPTIONS,
    labelOnly('deterministic', ['posteriors', 'confusions']),
  ),
  viaAggregate(
    'minimax',
    "minimax conditional entropy: each answer's odds set by a worker's and an item's K x K parameters, fitted by penalised EM",
    'D. Zhou, S. Basu, Y. Mao, J. C. Platt, "Learning from the wisdom of crowds by minimax entropy", NeurIPS 2012',
    MINIMAX_ENTROPY_OPTIONS,
    labelOnly('deterministic', ['posteriors', 'confusions']),
  ),
  viaAggregate(
    'vi-bp',
    "VI-BP: belief propagation with each worker's reliability integrated over its Beta prior (one-coin, binary)",
    'Q. Liu, J. Peng, A. Ihler, "Variational inference for crowdsourcing", NeurIPS 2012',
    VI_BP_OPTIONS,
    { ...labelOnly('deterministic', ['posteriors']), binaryOnly: true },
  ),
  viaAggregate(
    'lfc',
    'LFC (learning from crowds): EM over worker confusion matrices, 20 rounds as the truth-inference framework runs it',
    CITE.lfc,
    LFC_OPTIONS,
    labelOnly('deterministic', ['posteriors', 'confusions']),
  ),
  viaAggregate(
    'lfc-features',
    "LFC with its classifier: a logistic regression of the item features is each item's prior, refitted in every M-step",
    CITE.lfc,
    LFC_OPTIONS,
    { ...labelOnly('deterministic', ['posteriors', 'confusions', 'classifier']), needsFeatures: true },
  ),
  viaAggregate(
    'gtic',
    'GTIC: k-means clustering of the items\' label distributions',
    'J. Zhang, V. S. Sheng, J. Wu, X. Wu, "Multi-class ground truth inference in crowdsourcing with clustering", IEEE TKDE 28(4), 2016',
    GTIC_OPTIONS,
    labelOnly('deterministic', ['posteriors']),
  ),
  viaAggregate(
    'dewsmv',
    'differential-evolution weighted soft MV',
    'the DEWMV lineage (differential-evolution weighted MV), PRICAI 2018; formulas reconstructed in crowdlearn\'s specification',
    DEWSMV_OPTIONS,
    labelOnly('seeded', ['posteriors']),
  ),
  viaAggregate(
    'mnldp',
    'multiple noisy label distribution propagation over feature neighbours',
    'J. Zhang, L. Jiang, W. Xu, "Multiple noisy label distribution propagation for crowdsourcing", IJCAI 2019',
    MNLDP_OPTIONS,
    { ...labelOnly('seeded', ['posteriors']), needsFeatures: true },
  ),
  viaAggregate(
    'aali',
    'attribute augmentation, then a classifier cross-fitted on the reliable items',
    'Y. Zhang, L. Jiang, C. Li, "Attribute augmentation-based label integration for crowdsourcing", Frontiers of Computer Science 17, 2023',
    AALI_OPTIONS,
    { ...labelOnly('seeded', ['posteriors']), needsFeatures: true },
  ),
];
