import { checkOption, CrowdError, parseSettings, rangeText, type OptionSpec } from '@crowdlearn/core-matrix';
import { CATALOGUES, DEFAULT_METHODS, flagName, flagNumber, optionValue, type AnyEntry, type MethodKind } from './methods.js';

/**
 * Options whose flag is also one of the command's own: `--preset` names a
 * dataset preset, and is the option itself for a method that declares an
 * option of that name (DS's `crowdkit` / `mmlc` conventions).
 */
const COMMAND_FLAGS: ReadonlySet<string> = new Set(['preset']);

/** A flag derived from the catalogue: one option name, and the methods of the command that declare it. */
export interface MethodFlag {
  /** The option's key (`maxIterations`). */
  option: string;
  /** The flag (`--max-iterations`). */
  flag: string;
  /** The methods that take it, with their spec of it. */
  takers: { entry: AnyEntry; spec: OptionSpec }[];
}

/** The flags of the command `kind` for its methods' options: one per option name in its catalogue, in first-seen order. */
export function methodFlags(kind: MethodKind): MethodFlag[] {
  const flags = new Map<string, MethodFlag>();
  for (const entry of CATALOGUES[kind]) {
    for (const spec of entry.options) {
      if (COMMAND_FLAGS.has(spec.name)) continue;
      const flag = flags.get(spec.name) ?? { option: spec.name, flag: flagName(spec.name), takers: [] };
      flag.takers.push({ entry, spec });
      flags.set(spec.name, flag);
    }
  }
  return [...flags.values()];
}

/** A spec's values and default in words: "kde, mean or median, default kde", "a number > 0, default 0.00001". */
function valuesText(spec: OptionSpec): string {
  const choices = spec.choices ?? [];
  const values =
    spec.kind === 'choice' ? (choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}` : choices.join('')) : spec.kind === 'boolean' ? 'true or false' : rangeText(spec);
  const fallback = spec.default !== undefined ? `default ${String(spec.default)}` : spec.defaultText !== undefined ? `default: ${spec.defaultText}` : '';
  return fallback === '' ? values : `${values}, ${fallback}`;
}

/** One help line for a derived flag: each method's description, values and default, those that agree said once. */
export function methodFlagHelp(flag: MethodFlag): string {
  const groups = new Map<string, string[]>();
  for (const { entry, spec } of flag.takers) {
    const text = `${spec.description} (${valuesText(spec)})`;
    groups.set(text, [...(groups.get(text) ?? []), entry.name]);
  }
  return [...groups.entries()].map(([text, names]) => `${names.join(', ')}: ${text}`).join('; ');
}

/** The flag's placeholder in `--help`: `<n>`, `<x>`, `<name>`, or `[true|false]` for a switch. */
export function placeholder(flag: MethodFlag): string {
  const kind = flag.takers[0]?.spec.kind;
  return kind === 'boolean' ? '[true|false]' : kind === 'integer' ? '<n>' : kind === 'number' ? '<x>' : '<name>';
}

/**
 * The options of `entry` the command's flags give, converted and checked
 * against the entry's specs (the method resolves the rest to its defaults).
 * A method flag given for a method that does not declare it is an error
 * naming the flag and the methods that take it.
 */
export function methodOptions(entry: AnyEntry, kind: MethodKind, flags: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const f of methodFlags(kind)) {
    const raw = flags[f.option];
    if (raw === undefined) continue;
    if (!entry.options.some((s) => s.name === f.option)) {
      throw new CrowdError('INVALID_ARGUMENT', `${f.flag} does not apply to ${entry.name}`, { expected: `a method that takes it: ${f.takers.map((t) => t.entry.name).join(', ')}` });
    }
    options[f.option] = optionValue(entry, f.option, Array.isArray(raw) ? raw[raw.length - 1] : raw, f.flag);
  }
  for (const name of COMMAND_FLAGS) {
    if (flags[name] !== undefined && entry.options.some((s) => s.name === name)) options[name] = optionValue(entry, name, flags[name]);
  }
  return options;
}

/** `--seed` as a number: a whole number (negative allowed), else an error naming the flag. Default 0. */
export function seedValue(raw: unknown): number {
  if (raw === undefined) return 0;
  const seed = flagNumber(raw);
  if (!Number.isSafeInteger(seed)) throw new CrowdError('INVALID_ARGUMENT', 'bad --seed', { expected: 'a whole number', found: String(raw) });
  return seed;
}

/**
 * Starts the TensorFlow.js backend for a method that trains a model
 * (`--backend`, else CROWDLEARN_BACKEND, else the first that loads) and
 * returns its name; undefined for a method that does not. `--backend` on
 * such a method is an error.
 */
export async function methodBackend(entry: AnyEntry, backend: string | undefined): Promise<string | undefined> {
  if (!entry.capabilities.neural) {
    if (backend !== undefined) throw new CrowdError('INVALID_ARGUMENT', `--backend does not apply to ${entry.name}`, { expected: 'a method that trains a TensorFlow.js model (see `crowdlearn methods`)' });
    return undefined;
  }
  const { initBackend } = await import('@crowdlearn/neural');
  return (await initBackend(backend !== undefined ? { backend: backend as 'wasm' } : {})).name;
}

/**
 * A command's own numeric flag, parsed and range-checked like a method
 * option: `undefined` when absent, else the number, or an error naming the
 * flag (`bad --items; expected a whole number >= 1, found abc`).
 */
export function numberFlag(raw: unknown, flag: string, range: { kind: 'integer' | 'number'; min?: number; max?: number; exclusiveMin?: boolean }): number | undefined {
  if (raw === undefined) return undefined;
  const spec: OptionSpec = { name: flag, description: flag, ...range };
  const value = flagNumber(raw);
  try {
    checkOption(flag, spec, value);
  } catch {
    throw new CrowdError('INVALID_ARGUMENT', `bad ${flag}`, { expected: rangeText(spec), found: String(raw) });
  }
  return value;
}

/**
 * `--settings <string>` (the web app's shareable settings, see
 * `formatSettings` of core-matrix) as the command's flags: its method, seed
 * and options are set on `flags` as if given one by one, checked against
 * the command's catalogue. A flag that says something the string also says
 * is an error naming both; without either, the method is the command's
 * default ({@link DEFAULT_METHODS}).
 */
export function applySettings(flags: Record<string, unknown>, kind: MethodKind): void {
  const text = flags.settings;
  if (text !== undefined) {
    const settings = parseSettings(String(text), CATALOGUES[kind], '--settings');
    const twice = (flag: string) => new CrowdError('INVALID_ARGUMENT', `${flag} and --settings both set ${flag.slice(2)}`, { expected: 'one of them' });
    if (flags.method !== undefined && flags.method !== settings.method) throw twice('--method');
    if (flags.seed !== undefined) throw twice('--seed');
    flags.method = settings.method;
    flags.seed = String(settings.seed);
    for (const [option, value] of Object.entries(settings.options)) {
      if (flags[option] !== undefined) throw twice(flagName(option));
      flags[option] = String(value);
    }
  }
  flags.method ??= DEFAULT_METHODS[kind];
}
