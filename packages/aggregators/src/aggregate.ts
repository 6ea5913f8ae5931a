import { CrowdError, NumericLabels, type CrowdLabels, type Features, type GoldLabels } from '@crowdlearn/core-matrix';
import { aali, type AaliOptions } from './methods/aali.js';
import { catd, type CatdOptions } from './methods/catd.js';
import { lfc, type LfcOptions } from './methods/lfc.js';
import { ibcc, type IbccOptions } from './methods/ibcc.js';
import { viMf, type ViMfOptions } from './methods/vi-mf.js';
import { cbcc, type CbccOptions } from './methods/cbcc.js';
import { minimaxEntropy, type MinimaxEntropyOptions } from './methods/minimax-entropy.js';
import { viBp, type ViBpOptions } from './methods/vi-bp.js';
import { pmCrh, type PmCrhOptions } from './methods/pm-crh.js';
import { mnldp, type MnldpOptions } from './methods/mnldp.js';
import { dawidSkene, type DawidSkeneOptions } from './methods/dawid-skene.js';
import { fastDawidSkene, type FastDawidSkeneOptions } from './methods/fds.js';
import { glad, type GladOptions } from './methods/glad.js';
import { cglad, type CgladOptions } from './methods/cglad.js';
import { goldMajorityVote, type GoldMajorityVoteOptions } from './methods/gold-majority-vote.js';
import { mMsr, type MMsrOptions } from './methods/m-msr.js';
import { dewsmv, type DewsmvOptions } from './methods/dewsmv.js';
import { gtic, type GticOptions } from './methods/gtic.js';
import { hds, type HdsOptions } from './methods/hds.js';
import { irt, type IrtOptions } from './methods/irt.js';
import { kos, type KosOptions } from './methods/kos.js';
import { mace, type MaceOptions } from './methods/mace.js';
import { majorityVote, type MajorityVoteOptions } from './methods/majority-vote.js';
import { oneCoinDawidSkene, type OneCoinDawidSkeneOptions } from './methods/one-coin-dawid-skene.js';
import { wawa, type WawaOptions } from './methods/wawa.js';
import { zenCrowd, type ZenCrowdOptions } from './methods/zencrowd.js';
import { zeroBasedSkill, type ZeroBasedSkillOptions } from './methods/zero-based-skill.js';
import type { AggregationResult } from './types.js';

/** Each label-only aggregator's name and options. */
export interface AggregatorOptionsByName {
  /** {@link majorityVote} */
  mv: MajorityVoteOptions;
  /** {@link wawa} */
  wawa: WawaOptions;
  /** {@link zeroBasedSkill} */
  zbs: ZeroBasedSkillOptions;
  /** {@link dawidSkene} */
  ds: DawidSkeneOptions;
  /** {@link oneCoinDawidSkene} */
  'one-coin-ds': OneCoinDawidSkeneOptions;
  /** {@link zenCrowd} */
  zencrowd: ZenCrowdOptions;
  /** {@link hds} */
  hds: HdsOptions;
  /** {@link fastDawidSkene} */
  fds: FastDawidSkeneOptions;
  /** {@link glad} */
  glad: GladOptions;
  /** {@link cglad} (binary) */
  cglad: CgladOptions;
  /** {@link irt} */
  irt: IrtOptions;
  /** {@link mace} */
  mace: MaceOptions;
  /** {@link kos} */
  kos: KosOptions;
  /** {@link gtic} */
  gtic: GticOptions;
  /** {@link dewsmv} */
  dewsmv: DewsmvOptions;
  /** {@link goldMajorityVote}: needs `trueLabels`. */
  'gold-mv': GoldMajorityVoteOptions & WithTrueLabels;
  /** {@link mMsr} */
  'm-msr': MMsrOptions;
  /** {@link catd} */
  catd: CatdOptions;
  /** {@link pmCrh} */
  'pm-crh': PmCrhOptions;
  /** {@link ibcc} */
  ibcc: IbccOptions;
  /** {@link viMf} */
  'vi-mf': ViMfOptions;
  /** {@link cbcc} */
  cbcc: CbccOptions;
  /** {@link minimaxEntropy} */
  minimax: MinimaxEntropyOptions;
  /** {@link viBp} (binary) */
  'vi-bp': ViBpOptions;
  /** {@link lfc} on the labels alone */
  lfc: LfcOptions;
  /** {@link lfc} with its classifier: needs `features`. */
  'lfc-features': LfcOptions & WithFeatures;
  /** {@link mnldp}: needs `features`. */
  mnldp: MnldpOptions & WithFeatures;
  /** {@link aali}: needs `features`. */
  aali: AaliOptions & WithFeatures;
}

/** The options of the methods that need item features. */
export interface WithFeatures {
  /** Item features aligned to the label matrix's items. */
  features: Features;
}

/** The options of the methods that need items whose true class is known. */
export interface WithTrueLabels {
  /** The items whose true class is known (gold). */
  trueLabels: GoldLabels;
}

/** Names a method in {@link AggregateOptions}. */
export interface MethodChoice<M extends AggregatorName> {
  /** Which aggregator to run. */
  method: M;
}

/** The name of a label-only aggregator. */
export type AggregatorName = keyof AggregatorOptionsByName;

/** Options of {@link aggregate}: the method's name and its options. */
export type AggregateOptions = {
  [M in AggregatorName]: MethodChoice<M> & AggregatorOptionsByName[M];
}[AggregatorName];

const RUNNERS: { [M in AggregatorName]: (labels: CrowdLabels, options: AggregatorOptionsByName[M]) => AggregationResult } = {
  mv: majorityVote,
  wawa,
  zbs: zeroBasedSkill,
  ds: dawidSkene,
  'one-coin-ds': oneCoinDawidSkene,
  zencrowd: zenCrowd,
  hds,
  fds: fastDawidSkene,
  glad,
  cglad,
  irt,
  mace,
  kos,
  gtic,
  dewsmv,
  'gold-mv': (labels, { trueLabels, ...rest }) => goldMajorityVote(labels, trueLabels, rest),
  'm-msr': mMsr,
  catd,
  'pm-crh': pmCrh,
  ibcc,
  'vi-mf': viMf,
  cbcc,
  minimax: minimaxEntropy,
  'vi-bp': viBp,
  lfc,
  'lfc-features': (labels, options) => lfc(labels, options),
  mnldp: (labels, { features, ...rest }) => mnldp(labels, features, rest),
  aali: (labels, { features, ...rest }) => aali(labels, features, rest),
};

/** The names {@link aggregate} accepts, in a fixed order. */
export const AGGREGATOR_NAMES = Object.keys(RUNNERS) as readonly AggregatorName[];

/** The name of an aggregator whose options need item `features`. */
export type FeatureAggregatorName = { [M in AggregatorName]: AggregatorOptionsByName[M] extends WithFeatures ? M : never }[AggregatorName];

/** The aggregators that need item `features` (the others use the labels alone), in {@link AGGREGATOR_NAMES}' order. */
export const FEATURE_AGGREGATOR_NAMES: readonly FeatureAggregatorName[] = ['lfc-features', 'mnldp', 'aali'];

/** The name of an aggregator whose options need `trueLabels` (items whose class is known). */
export type TrueLabelAggregatorName = { [M in AggregatorName]: AggregatorOptionsByName[M] extends WithTrueLabels ? M : never }[AggregatorName];

/** The aggregators that need `trueLabels`, in {@link AGGREGATOR_NAMES}' order. */
export const TRUE_LABEL_AGGREGATOR_NAMES: readonly TrueLabelAggregatorName[] = ['gold-mv'];

/**
 * Runs the named aggregator: `aggregate(labels, { method: 'ds', preset: 'mmlc' })`.
 * An unknown name is an INVALID_ARGUMENT error listing the names.
 */
export function aggregate(labels: CrowdLabels, options: AggregateOptions): AggregationResult {
  const { method, ...rest } = options;
  if ((labels as unknown) instanceof NumericLabels) {
    throw new CrowdError('INVALID_ARGUMENT', `${method} aggregates categorical labels, not numeric answers`, { expected: 'CrowdLabels; for numeric answers, the numeric aggregators (mean, median, lfc-n, catd-n, pm-crh-n)' });
  }
  const run = RUNNERS[method] as ((l: CrowdLabels, o: object) => AggregationResult) | undefined;
  if (run === undefined) {
    throw new CrowdError('INVALID_ARGUMENT', `unknown aggregator ${JSON.stringify(method)}`, {
      expected: `one of ${AGGREGATOR_NAMES.join(', ')}`,
    });
  }
  return run(labels, rest);
}
