import { CrowdError } from '../errors.js';

/** A value an option can take in a catalogue: what a command line or a settings string can carry. */
export type OptionValue = number | string | boolean;

/** The kinds of option a catalogue describes. */
export type OptionKind = 'number' | 'integer' | 'boolean' | 'choice';

/**
 * One option of a method, as its catalogue states it: the key in the
 * method's options object, its kind, default, range and one line of
 * documentation. The method resolves its options against these specs
 * ({@link resolveOptions}), so the spec is the one place a default lives.
 */
export interface OptionSpec {
  /** The key in the method's options object (camelCase, the paper's name where it has one). */
  name: string;
  /** What values it takes. */
  kind: OptionKind;
  /** One line: what it does. */
  description: string;
  /**
   * The default. Absent: the option has no single default (the method
   * derives it, as DS's iteration limit from its preset; `defaultText` says how).
   */
  default?: OptionValue;
  /** How the default is derived, when it is not one value. */
  defaultText?: string;
  /** The smallest allowed value (numbers). */
  min?: number;
  /** The largest allowed value (numbers). */
  max?: number;
  /** Whether `min` itself is excluded (a positive tolerance). Default false. */
  exclusiveMin?: boolean;
  /** The allowed values (`choice`). */
  choices?: readonly string[];
}


/**
 * Checks one value against its spec: the kind, the range, the choices.
 * Throws INVALID_ARGUMENT naming the method and the option.
 */
export function checkOption(method: string, spec: OptionSpec, value: unknown): void {
  const bad = (expected: string) =>
    new CrowdError('INVALID_ARGUMENT', `${method}: bad option ${spec.name}`, { expected, found: typeof value === 'string' ? JSON.stringify(value) : String(value) });
  switch (spec.kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('true or false');
      return;
    case 'choice':
      if (typeof value !== 'string' || !(spec.choices ?? []).includes(value)) throw bad(`one of ${(spec.choices ?? []).join(', ')}`);
      return;
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(rangeText(spec));
      if (spec.kind === 'integer' && !Number.isInteger(value)) throw bad(rangeText(spec));
      if (spec.min !== undefined && (value < spec.min || (spec.exclusiveMin === true && value === spec.min))) throw bad(rangeText(spec));
      if (spec.max !== undefined && value > spec.max) throw bad(rangeText(spec));
    }
  }
}

/** The allowed range of a numeric spec in words: "a whole number >= 1", "a number > 0 and <= 1". */
export function rangeText(spec: OptionSpec): string {
  const what = spec.kind === 'integer' ? 'a whole number' : 'a number';
  const parts: string[] = [];
  if (spec.min !== undefined) parts.push(`${spec.exclusiveMin === true ? '>' : '>='} ${spec.min}`);
  if (spec.max !== undefined) parts.push(`<= ${spec.max}`);
  return parts.length === 0 ? what : `${what} ${parts.join(' and ')}`;
}

/**
 * A method's options with its specs' defaults filled in and every given
 * value checked (kind, range, choices). Keys without a spec pass through
 * unchanged (data such as weights or features), so a method calls this once
 * on its whole options object.
 */
export function resolveOptions<T extends object>(method: string, specs: readonly OptionSpec[], options: T): T {
  const out = { ...options } as Record<string, unknown>;
  for (const spec of specs) {
    const value = out[spec.name];
    if (value === undefined) {
      if (spec.default !== undefined) out[spec.name] = spec.default;
    } else {
      checkOption(method, spec, value);
    }
  }
  return out as T;
}
