import { formatNumber, h } from './dom.js';

/** One column of a {@link DataTable}. */
export interface Column {
  /** The header. */
  label: string;
  /** The cell of row `j` (a number is right-aligned, shown rounded, and kept whole in `data-value`). */
  value(j: number): string | number;
  /** Decimals shown for numbers. Default 3. */
  digits?: number;
}

/** Rows per page. */
const PAGE_ROWS = 50;

/**
 * A sortable, paged table over rows addressed by index, for tables of a
 * million items: sorting permutes an index array, and only one page of
 * rows is in the page's DOM. Clicking a header sorts by it (again: the
 * other way); `filter` keeps the rows for which it is true.
 */
export class DataTable {
  readonly element: HTMLElement;
  #columns: Column[] = [];
  #size = 0;
  #order = new Int32Array(0);
  #sort: { column: number; descending: boolean } | undefined;
  #filter: ((j: number) => boolean) | undefined;
  #page = 0;
  readonly #onRowClick: ((j: number) => void) | undefined;

  constructor(name: string, onRowClick?: (j: number) => void) {
    this.element = h('div', { class: 'data-table', 'data-table': name });
    this.#onRowClick = onRowClick;
  }

  /** Shows new rows (keeping the sort column when it still exists). */
  set(columns: Column[], size: number): void {
    this.#columns = columns;
    this.#size = size;
    if (this.#sort !== undefined && this.#sort.column >= columns.length) this.#sort = undefined;
    this.#reorder();
  }

  /** Keeps only the rows for which `keep` is true (undefined: all). */
  setFilter(keep: ((j: number) => boolean) | undefined): void {
    this.#filter = keep;
    this.#reorder();
  }

  sortBy(column: number, descending: boolean): void {
    this.#sort = { column, descending };
    this.#reorder();
  }

  #reorder(): void {
    const rows: number[] = [];
    for (let j = 0; j < this.#size; j++) if (this.#filter === undefined || this.#filter(j)) rows.push(j);
    this.#order = Int32Array.from(rows);
    const sort = this.#sort;
    if (sort !== undefined) {
      const column = this.#columns[sort.column] as Column;
      const sign = sort.descending ? -1 : 1;
      const keys: (string | number)[] = new Array(this.#size);
      for (const j of this.#order) keys[j] = column.value(j);
      // a stable sort: equal keys keep the row order; empty numbers (NaN) last
      const key = (j: number) => keys[j] as string | number;
      this.#order.sort((a, b) => {
        const x = key(a);
        const y = key(b);
        if (typeof x === 'number' && typeof y === 'number') {
          if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1;
          return x !== y ? sign * (x - y) : a - b;
        }
        const c = String(x).localeCompare(String(y), undefined, { numeric: true });
        return c !== 0 ? sign * c : a - b;
      });
    }
    this.#page = 0;
    this.#render();
  }

  #render(): void {
    const pages = Math.max(1, Math.ceil(this.#order.length / PAGE_ROWS));
    const start = this.#page * PAGE_ROWS;
    const head = h(
      'tr',
      {},
      ...this.#columns.map((c, k) => {
        const sorted = this.#sort?.column === k ? (this.#sort.descending ? ' ▼' : ' ▲') : '';
        const th = h('th', { scope: 'col', tabindex: 0, 'aria-sort': sorted === '' ? 'none' : this.#sort?.descending === true ? 'descending' : 'ascending' }, c.label + sorted);
        const sort = () => this.sortBy(k, this.#sort?.column === k ? !this.#sort.descending : typeof c.value(this.#order[0] ?? 0) === 'number');
        th.addEventListener('click', sort);
        th.addEventListener('keydown', (e) => e.key === 'Enter' && sort());
        return th;
      }),
    );
    const body = h('tbody');
    for (let p = start; p < Math.min(this.#order.length, start + PAGE_ROWS); p++) {
      const j = this.#order[p] as number;
      const tr = h('tr', { 'data-row': j });
      for (const c of this.#columns) {
        const v = c.value(j);
        tr.append(typeof v === 'number' ? h('td', { class: 'num', 'data-value': String(v) }, formatNumber(v, c.digits)) : h('td', {}, v));
      }
      if (this.#onRowClick !== undefined) {
        tr.classList.add('clickable');
        tr.addEventListener('click', () => this.#onRowClick?.(j));
      }
      body.append(tr);
    }
    const pager = h('div', { class: 'pager' });
    const prev = h('button', { type: 'button', disabled: this.#page === 0 }, '‹ previous');
    const next = h('button', { type: 'button', disabled: this.#page >= pages - 1 }, 'next ›');
    prev.addEventListener('click', () => {
      this.#page -= 1;
      this.#render();
    });
    next.addEventListener('click', () => {
      this.#page += 1;
      this.#render();
    });
    const shown = this.#order.length === 0 ? 'no rows' : `rows ${start + 1}–${Math.min(this.#order.length, start + PAGE_ROWS)} of ${this.#order.length}${this.#order.length < this.#size ? ` (filtered from ${this.#size})` : ''}`;
    pager.append(prev, h('span', {}, shown), next);
    this.element.replaceChildren(h('table', {}, h('thead', {}, head), body), pager);
  }
}
