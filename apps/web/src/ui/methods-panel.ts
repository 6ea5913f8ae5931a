/**
 * The methods the page runs: every label-only aggregator of the catalogue
 * (no features, no extra inputs, no training), and once a features file is
 * loaded the learning-from-crowds models of the neural catalogue, each with
 * a form for its options generated from its option specs, defaults filled in.
 */
import { AGGREGATORS } from '@crowdlearn/aggregators';
import { checkOption, optionFromText, type OptionSpec, type OptionValue, type RunSettings } from '@crowdlearn/core-matrix';
import type { MethodOffer, MethodRun } from '../protocol.js';
import { h } from './dom.js';

/** The label-only aggregators of the catalogue, which the page offers from the start. */
export const PAGE_METHODS: readonly MethodOffer[] = AGGREGATORS.filter(
  (e) => !e.capabilities.needsFeatures && !e.capabilities.neural && !Object.values(e.capabilities.inputs ?? {}).includes('required'),
).map((e) => ({ name: e.name, summary: e.summary, options: e.options, binaryOnly: e.capabilities.binaryOnly, needsFeatures: false }));

/** The methods checked when the page opens. */
const DEFAULT_CHECKED = new Set(['mv', 'ds']);

export class MethodsPanel {
  readonly element = h('div', { class: 'methods' });
  readonly #boxes = new Map<string, HTMLInputElement>();
  readonly #fields = new Map<string, Map<string, HTMLInputElement | HTMLSelectElement>>();
  /** Every method offered, in the order shown. */
  readonly #offered: MethodOffer[] = [];
  /** Where the models go, once features are loaded. */
  readonly #models = h('div', { class: 'models' });
  #numClasses = 0;

  constructor() {
    this.#add(PAGE_METHODS, this.element);
    this.element.append(this.#models);
  }

  /** Offers the models that train on the loaded features (once; later calls change nothing). */
  addModels(models: readonly MethodOffer[]): void {
    const fresh = models.filter((m) => !this.#boxes.has(m.name));
    if (fresh.length === 0) return;
    this.#models.append(h('p', { class: 'hint' }, 'Models trained on the features (TF.js, wasm, in this page):'));
    this.#add(fresh, this.#models);
    this.setClasses(this.#numClasses);
  }

  #add(entries: readonly MethodOffer[], into: HTMLElement): void {
    for (const entry of entries) {
      this.#offered.push(entry);
      const box = h('input', { type: 'checkbox', name: 'method', value: entry.name, checked: DEFAULT_CHECKED.has(entry.name) });
      this.#boxes.set(entry.name, box);
      const fields = new Map<string, HTMLInputElement | HTMLSelectElement>();
      this.#fields.set(entry.name, fields);
      const form = h('div', { class: 'options' });
      for (const spec of entry.options) {
        const field = optionField(spec);
        field.dataset.option = spec.name;
        fields.set(spec.name, field);
        form.append(h('label', { title: spec.description }, `${spec.name} `, field));
      }
      const options = entry.options.length > 0 ? h('details', {}, h('summary', {}, 'options'), form) : h('span');
      into.append(
        h('div', { class: 'method', 'data-method': entry.name }, h('label', { title: entry.summary }, box, ` ${entry.name}`), h('span', { class: 'summary' }, entry.summary), options),
      );
    }
  }

  /** Whether `method` is a model that trains on the features (a `crowdlearn train` method). */
  needsFeatures(method: string): boolean {
    return this.#offered.some((e) => e.name === method && e.needsFeatures);
  }

  /** Checkable only where the method applies: binary-only methods need two classes. */
  setClasses(numClasses: number): void {
    this.#numClasses = numClasses;
    for (const entry of this.#offered) {
      const box = this.#boxes.get(entry.name) as HTMLInputElement;
      box.disabled = entry.binaryOnly && numClasses !== 2;
      if (box.disabled) box.checked = false;
    }
  }

  /** The checked methods with the options that differ from their defaults; a bad value is an error naming the method and option. */
  runs(): MethodRun[] {
    return this.#offered.filter((e) => this.#boxes.get(e.name)?.checked === true && !this.#boxes.get(e.name)?.disabled).map((entry) => {
      const options: Record<string, OptionValue> = {};
      for (const spec of entry.options) {
        const field = this.#fields.get(entry.name)?.get(spec.name) as HTMLInputElement | HTMLSelectElement;
        const raw = field instanceof HTMLInputElement && field.type === 'checkbox' ? field.checked : field.value.trim();
        if (raw === '' || raw === String(spec.default)) continue;
        const value = optionFromText(spec, raw);
        checkOption(entry.name, spec, value);
        options[spec.name] = value as OptionValue;
      }
      return { method: entry.name, options };
    });
  }

  /** Checks only the settings' method and fills in its options (from a shared settings string). */
  apply(settings: RunSettings): void {
    for (const [name, box] of this.#boxes) box.checked = name === settings.method;
    for (const [name, value] of Object.entries(settings.options)) {
      const field = this.#fields.get(settings.method)?.get(name);
      if (field instanceof HTMLInputElement && field.type === 'checkbox') field.checked = value === true;
      else if (field !== undefined) field.value = String(value);
    }
    this.element.querySelector<HTMLDetailsElement>(`[data-method="${settings.method}"] details`)?.setAttribute('open', '');
  }
}

/** The input of one option: a select for a choice, a checkbox for a switch, else a text field with the default as its value. */
function optionField(spec: OptionSpec): HTMLInputElement | HTMLSelectElement {
  if (spec.kind === 'choice') {
    // a choice without one default (DS's preset) offers "no value" first: the method derives it
    const none = spec.default === undefined ? [h('option', { value: '' }, `(${spec.defaultText ?? 'default'})`)] : [];
    return h('select', {}, ...none, ...(spec.choices ?? []).map((c) => h('option', { value: c, selected: c === spec.default }, c)));
  }
  if (spec.kind === 'boolean') return h('input', { type: 'checkbox', checked: spec.default === true });
  return h('input', { type: 'text', inputmode: 'decimal', size: 8, value: spec.default !== undefined ? String(spec.default) : '', placeholder: spec.defaultText ?? '' });
}
