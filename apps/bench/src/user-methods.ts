import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CrowdError, type MethodEntry, type MethodFamily } from '@crowdlearn/core-matrix';

/** True for a `--methods` item that names a module file rather than a catalogue method: it has a path separator or a JavaScript extension. */
export function isModulePath(item: string): boolean {
  return /[\\/]/.test(item) || /\.(m|c)?js$/i.test(item);
}

/** True when `value` has the shape of a catalogue entry (the catalogue contract of `@crowdlearn/core-matrix`'s `MethodEntry`). */
function isMethodEntry(value: unknown): value is MethodEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<MethodEntry>;
  return typeof e.name === 'string' && typeof e.family === 'string' && typeof e.run === 'function' && typeof e.capabilities === 'object' && e.capabilities !== null && Array.isArray(e.options);
}

/**
 * The catalogue entries a user's module exports (its default export, an
 * entry or an array of them, and every named export that is an entry) of
 * the suite's `family`, so that `--methods mv,ds,./my-method.mjs` compares
 * the user's method with the catalogue's. A file that is missing, fails to
 * load, or exports no entry of the family is an error naming it.
 */
export async function loadUserMethods(path: string, family: MethodFamily): Promise<MethodEntry[]> {
  const file = resolve(path);
  if (!existsSync(file)) throw new CrowdError('INVALID_ARGUMENT', `--methods ${path}: no such file`, { source: path, expected: 'a method name, or a JavaScript module exporting a catalogue entry' });
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw new CrowdError('INVALID_ARGUMENT', `--methods ${path}: the module does not load: ${(err as Error).message.split('\n')[0]}`, { source: path, expected: 'an ES module (.mjs, or .js in a "type": "module" package)' });
  }
  const exported = Object.values(module).flatMap((v) => (Array.isArray(v) ? v : [v]));
  const entries = [...new Set(exported.filter(isMethodEntry))];
  const ofFamily = entries.filter((e) => e.family === family);
  if (ofFamily.length === 0) {
    const found = entries.length > 0 ? `entries of family ${[...new Set(entries.map((e) => e.family))].join(', ')}` : 'no catalogue entry';
    throw new CrowdError('INVALID_ARGUMENT', `--methods ${path}: no ${family} method exported`, { source: path, expected: `an export with name, family '${family}', summary, cite, options, capabilities, presets and run (a MethodEntry)`, found });
  }
  return ofFamily;
}

/**
 * Splits a suite's `--methods` list into the catalogue names it gives and
 * the entries of the modules it points at; `methods` is the run order, with
 * each module replaced by the names of its entries. A module's method with a
 * catalogue method's name is an error: the report could not tell them apart.
 */
export async function resolveMethods(given: readonly string[] | undefined, family: MethodFamily, catalogue: readonly string[]): Promise<{ methods: string[] | undefined; extra: MethodEntry[]; modules: string[] }> {
  if (given === undefined) return { methods: undefined, extra: [], modules: [] };
  const methods: string[] = [];
  const extra: MethodEntry[] = [];
  const modules: string[] = [];
  for (const item of given) {
    if (!isModulePath(item)) {
      methods.push(item);
      continue;
    }
    modules.push(resolve(item));
    for (const entry of await loadUserMethods(item, family)) {
      if (catalogue.includes(entry.name) || extra.some((e) => e.name === entry.name)) throw new CrowdError('INVALID_ARGUMENT', `--methods ${item}: a method named ${JSON.stringify(entry.name)} is already in the comparison`, { source: item, expected: 'a name of its own' });
      extra.push(entry);
      methods.push(entry.name);
    }
  }
  return { methods, extra, modules };
}
