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

/** A method's option specs by option name: the form a method file declares next to its options type. */
export type OptionTable = Readonly<Record<string, Omit<OptionSpec, 'name'>>>;

/** The union of a `choices` list's values (`string` when the list is not a literal tuple). */
export type ChoiceOf<C> = C extends readonly (infer X)[] ? X : string;

/** The type of the values a spec allows: its choices, a boolean, or a number. */
export type SpecValue<B extends Omit<OptionSpec, 'name'>> = B['kind'] extends 'boolean' ? boolean : B['kind'] extends 'choice' ? ChoiceOf<B['choices']> : number;

/**
 * Options `T` after {@link resolveOptions}: each option of the table typed
 * from its spec, present wherever the spec has a default; the other keys of
 * `T` (data such as weights or features) as they were.
 */
export type ResolvedOptions<T, S extends OptionTable> = Omit<T, keyof S> & {
  /** Each option of the table, present where its spec has a default. */
  [K in keyof S]: 'default' extends keyof S[K] ? SpecValue<S[K]> : SpecValue<S[K]> | undefined;
};

/** The specs of a table as a list, in the table's order (a catalogue entry's `options`). */
export function optionList(table: OptionTable): OptionSpec[] {
  return Object.entries(table).map(([name, spec]) => ({ name, ...spec }));
}

/**
 * A method's options with its table's defaults filled in and every given
 * value checked (kind, range, choices): the one place a method's defaults
 * are applied. Keys without a spec pass through unchanged (data such as
 * weights or features), so a method calls this once on its options object.
 */
export function resolveOptions<T extends object, S extends OptionTable>(method: string, table: S, options: T): ResolvedOptions<T, S> {
  const out = { ...options } as Record<string, unknown>;
  for (const [name, body] of Object.entries(table)) {
    const value = out[name];
    if (value === undefined) {
      if (body.default !== undefined) out[name] = body.default;
    } else {
      checkOption(method, { name, ...body }, value);
    }
  }
  return out as ResolvedOptions<T, S>;
}
