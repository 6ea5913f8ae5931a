import { CrowdError, isCrowdError } from '../errors.js';
import { checkOption, type OptionSpec, type OptionValue } from './option-spec.js';

/** A method run as a settings string carries it: the method, its options, the seed. */
export interface RunSettings {
  /** The method's catalogue name. */
  method: string;
  /** The options given (the method resolves the rest to its defaults). */
  options: Record<string, OptionValue>;
  /** The seed. Default 0. */
  seed: number;
}

/**
 * A run's settings as one shareable string, `method=ds&seed=0&maxIterations=50`
 * (URL query syntax, options under their catalogue names, in the order
 * given): what the web app shows and the CLI takes as `--settings`, so that a
 * run can be repeated from either.
 */
export function formatSettings(settings: RunSettings): string {
  const query = new URLSearchParams();
  query.set('method', settings.method);
  query.set('seed', String(settings.seed));
  for (const [name, value] of Object.entries(settings.options)) query.set(name, String(value));
  return query.toString();
}

/**
 * An option's value from its text (a flag's, a settings string's): a
 * boolean from `true` / `false` (or a bare switch, `true`), a number from
 * the whole text (`""`, `abc` and `12abc` are not numbers), a choice as it
 * is. A value of the wrong kind is returned unchanged, for
 * {@link checkOption} to refuse with the option's range.
 */
export function optionFromText(spec: Pick<OptionSpec, 'kind'>, raw: unknown): unknown {
  if (spec.kind === 'boolean') return raw === true || raw === 'true' ? true : raw === 'false' ? false : raw;
  if (spec.kind === 'choice') return String(raw);
  return numberFromText(raw);
}

/** A text as a number: the whole text, trimmed (`""`, `abc` and `12abc` are NaN); a number stays. */
export function numberFromText(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  const text = String(raw).trim();
  return text === '' ? Number.NaN : Number(text);
}

/**
 * Reads a settings string against the methods that may run it: the method
 * must be one of `entries`, every option one it declares and within its
 * range, and the seed a whole number. Errors are INVALID_ARGUMENT naming
 * the part of the string at fault (`source` says where the string came from).
 */
export function parseSettings(text: string, entries: readonly { name: string; options: readonly OptionSpec[] }[], source = 'settings'): RunSettings {
  const query = new URLSearchParams(text.trim().replace(/^[?#]/, ''));
  const bad = (reason: string, expected: string, found?: string) => new CrowdError('INVALID_ARGUMENT', `${source}: ${reason}`, { expected, ...(found !== undefined ? { found } : {}) });
  const method = query.get('method');
  if (method === null) throw bad('no method', 'method=<name>&seed=<n>&<option>=<value>...', text);
  const entry = entries.find((e) => e.name === method);
  if (entry === undefined) throw bad(`unknown method ${JSON.stringify(method)}`, `one of ${entries.map((e) => e.name).join(', ')}`);
  const seen = new Set<string>();
  let seed = 0;
  const options: Record<string, OptionValue> = {};
  for (const [name, raw] of query) {
    if (seen.has(name)) throw bad(`${name} is given twice`, 'each setting once', text);
    seen.add(name);
    if (name === 'method') continue;
    if (name === 'seed') {
      seed = numberFromText(raw);
      if (!Number.isSafeInteger(seed)) throw bad('bad seed', 'a whole number', raw);
      continue;
    }
    const spec = entry.options.find((s) => s.name === name);
    if (spec === undefined) throw bad(`${method} has no option ${JSON.stringify(name)}`, entry.options.length > 0 ? `one of ${entry.options.map((s) => s.name).join(', ')}` : 'no options');
    const value = optionFromText(spec, raw);
    try {
      checkOption(method, spec, value);
    } catch (err) {
      if (!isCrowdError(err)) throw err;
      throw bad(`bad ${name} for ${method}`, err.expected ?? '', raw);
    }
    options[name] = value as OptionValue;
  }
  return { method, options, seed };
}
