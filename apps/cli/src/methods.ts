import { checkOption, CrowdError, isCrowdError, type CrowdLabels, type Features, type MethodEntry, type OptionValue } from '@crowdlearn/core-matrix';
import { AGGREGATORS, NUMERIC_AGGREGATORS, PAIRWISE_AGGREGATORS, type AggregationResult } from '@crowdlearn/aggregators';
import { CROWDING_CLASSIFIER, CROWDING_COMPLETION } from '@crowdlearn/crowding';
import { CROWDMETA_AGGREGATOR } from '@crowdlearn/crowdmeta';
import { DASC_CLASSIFIER } from '@crowdlearn/dasc';
import { MMLC_AGGREGATORS, MMLC_COMPLETION } from '@crowdlearn/mmlc';
import { BASE_MODELS, NEURAL_AGGREGATORS } from '@crowdlearn/neural';
import { TLLC_COMPLETION } from '@crowdlearn/tllc';

/** What a method is for: the command that takes it as `--method`. */
export type MethodKind = 'aggregate' | 'complete' | 'train' | 'estimate' | 'rank';

/** Any catalogue entry, whatever its input and result. */
export type AnyEntry = MethodEntry<any, any>;

/**
 * The packages' catalogues, by the command that runs their methods. The
 * command line keeps no list of methods of its own: a method added to one
 * of these catalogues appears in `crowdlearn methods`, `--help` and the
 * command's `--method` check.
 */
export const CATALOGUES: Readonly<Record<MethodKind, readonly AnyEntry[]>> = {
  aggregate: [...AGGREGATORS, ...NEURAL_AGGREGATORS, ...MMLC_AGGREGATORS, CROWDMETA_AGGREGATOR],
  complete: [...TLLC_COMPLETION, ...MMLC_COMPLETION, CROWDING_COMPLETION],
  // truth inference by a trained model (mmlc-owf, crowdmeta) is also a `train` method: it trains
  train: [...BASE_MODELS, DASC_CLASSIFIER, CROWDING_CLASSIFIER, ...MMLC_AGGREGATORS, CROWDMETA_AGGREGATOR],
  // numeric answers (a temperature, a count): estimates, not classes
  estimate: NUMERIC_AGGREGATORS,
  // pairwise comparisons: a score per item
  rank: PAIRWISE_AGGREGATORS,
};

/** The method each command runs when neither `--method` nor `--settings` names one. */
export const DEFAULT_METHODS: Readonly<Record<MethodKind, string>> = { aggregate: 'mv', complete: 'tllc', train: 'crowdlayer', estimate: 'mean', rank: 'bradley-terry' };

/** A method name, the command that runs it, and its catalogue entry. */
export interface MethodDescription {
  name: string;
  kind: MethodKind;
  entry: AnyEntry;
}

/** One row per method and command for `crowdlearn methods` (a method that two commands take, as crowding, appears twice). */
export const METHODS: readonly MethodDescription[] = (Object.keys(CATALOGUES) as MethodKind[]).flatMap((kind) =>
  CATALOGUES[kind].map((entry) => ({ name: entry.name, kind, entry })),
);

/** Whether `name` is a method of the command `kind`. */
export function isMethod(name: string, kind: MethodKind): boolean {
  return CATALOGUES[kind].some((m) => m.name === name);
}

/** The names of the methods of the command `kind`. */
export function methodNames(kind: MethodKind): string[] {
  return CATALOGUES[kind].map((m) => m.name);
}

/** The catalogue entry of `name` for the command `kind`; an unknown name is an INVALID_ARGUMENT error listing the names. */
export function methodEntry(name: string, kind: MethodKind): AnyEntry {
  const entry = CATALOGUES[kind].find((m) => m.name === name);
  if (entry === undefined) throw new CrowdError('INVALID_ARGUMENT', `unknown method ${JSON.stringify(name)}`, { expected: `one of ${methodNames(kind).join(', ')}` });
  return entry;
}

/** The truth-inference methods that train a model (run by `aggregate` and `train`, not in `--aggregate` lists): those both commands take. */
export const TRAINED_AGGREGATORS: readonly string[] = methodNames('aggregate').filter((name) => isMethod(name, 'train'));

/**
 * Runs an aggregator of an `--aggregate` list on labels (and features)
 * alone, through its catalogue entry, with its default options. A method
 * that needs more input than that (worker weights, a source domain) or
 * trains a model of its own is refused here.
 */
export async function runAggregator(name: string, labels: CrowdLabels, features: Features | undefined, seed: number): Promise<AggregationResult> {
  const entry = methodEntry(name, 'aggregate');
  const needs = Object.entries(entry.capabilities.inputs ?? {}).filter(([, need]) => need === 'required');
  if (TRAINED_AGGREGATORS.includes(name) || needs.length > 0) {
    throw new CrowdError('INVALID_ARGUMENT', `${name} needs its own run`, { expected: `\`crowdlearn aggregate --method ${name}\` on its own` });
  }
  if (entry.capabilities.needsFeatures && features === undefined) {
    throw new CrowdError('INVALID_ARGUMENT', `${name} needs item features`, { expected: '--features <file> or a --dataset with features' });
  }
  return (await entry.run({ labels, ...(features !== undefined ? { features } : {}) }, {}, { seed })) as AggregationResult;
}

/**
 * The dataset preset a command asks a method for: `--preset` (which must be
 * one the method's catalogue entry knows), else the bundled dataset's name;
 * the method's package maps a name it has no settings for to its defaults.
 */
export function requestedPreset(entry: AnyEntry, o: { preset?: string; dataset?: string }): string | undefined {
  // a method with an option named `preset` (DS's conventions) takes `--preset` as that option
  const preset = entry.options.some((s) => s.name === 'preset') ? undefined : o.preset;
  if (preset !== undefined && !entry.presets.includes(preset)) {
    throw new CrowdError('INVALID_ARGUMENT', `unknown preset ${JSON.stringify(preset)} for ${entry.name}`, { expected: entry.presets.length > 0 ? entry.presets.join(', ') : 'no --preset (the method has none)' });
  }
  return preset ?? o.dataset;
}

/** `--meta-iters` for the option `metaIters`. */
export function flagName(option: string): string {
  return `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * A method's option as a command gives it: the flag's value converted to the
 * option's kind and checked against its catalogue spec (range, choices),
 * with an error that names the flag; the spec's default when the flag is
 * absent. The command line keeps no default of its own.
 */
export function optionValue(entry: AnyEntry, option: string, raw: unknown, flag = flagName(option)): OptionValue | undefined {
  const spec = entry.options.find((s) => s.name === option);
  if (spec === undefined) throw new Error(`${entry.name} has no option ${option}`);
  if (raw === undefined) return spec.default;
  const value = flagValue(spec.kind, raw);
  try {
    checkOption(entry.name, spec, value);
  } catch (err) {
    if (!isCrowdError(err)) throw err;
    throw new CrowdError('INVALID_ARGUMENT', `bad ${flag} for ${entry.name}`, { expected: err.expected ?? '', found: String(raw) });
  }
  return value as OptionValue;
}

/**
 * A flag's text as the option's kind: a switch given bare is `true`, and
 * `true` / `false` spelled out; a number is the whole text as a number
 * (`""`, `abc` and `12abc` are not numbers). A value of the wrong kind is
 * left as it is, for the spec check to refuse with the option's range.
 */
function flagValue(kind: string, raw: unknown): unknown {
  if (kind === 'boolean') return raw === true || raw === 'true' ? true : raw === 'false' ? false : raw;
  if (kind === 'choice') return String(raw);
  return flagNumber(raw);
}

/** A flag's text as a number: the whole text (`""`, `abc` and `12abc` are NaN); a number the parser already made stays. */
export function flagNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  const text = String(raw).trim();
  return text === '' ? Number.NaN : Number(text);
}

/** "(default 2000)" for a flag's help, from the catalogue. */
export function defaultHelp(entry: AnyEntry, option: string): string {
  const spec = entry.options.find((s) => s.name === option);
  return spec?.default !== undefined ? `(default ${String(spec.default)})` : spec?.defaultText !== undefined ? `(default: ${spec.defaultText})` : '';
}

/** "kde (default), mean, median" for a choice flag's help, from the catalogue. */
export function choicesHelp(entry: AnyEntry, option: string): string {
  const spec = entry.options.find((s) => s.name === option);
  return (spec?.choices ?? []).map((c) => (c === spec?.default ? `${c} (default)` : c)).join(', ');
}
