/** `h('td', { class: 'num' }, '0.5')`: an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string | number | boolean | undefined> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...children);
  return el;
}

/** The element with `id`; a missing one is a bug in the page. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`no #${id} in the page`);
  return el as T;
}

/** A number for reading: at most `digits` decimals, NaN as an empty cell. */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '';
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}
