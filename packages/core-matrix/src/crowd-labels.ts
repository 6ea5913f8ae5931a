import { brand, hasBrand } from './brand.js';
import { CrowdError } from './errors.js';
import { IdMap, IdMapBuilder, type ExternalId } from './id-map.js';
import { rowLocator, type RowLocator } from './internal/row-locator.js';
import { countingSortBy, runOffsets } from './internal/counting-sort.js';
import { Int32Builder } from './int32-builder.js';
import { Origin, type OriginName } from './origin.js';

/** What to do with a second label for the same (item, worker) cell. */
export type DuplicatePolicy = 'error' | 'keepFirst' | 'keepLast';

/** The raw columns of a label matrix: one entry per observation. */
export interface LabelColumns {
  /** Item index of each label, in `0..numItems-1`. */
  item: Int32Array;
  /** Worker index of each label, in `0..numWorkers-1`. */
  worker: Int32Array;
  /** Class index of each label, in `0..numClasses-1`. */
  label: Int32Array;
  /** Optional {@link Origin} code per label; absent means every label is observed. */
  origin?: Uint8Array;
}

/** Options of {@link CrowdLabels.fromArrays}. */
export interface FromArraysOptions {
  /** Number of items; defaults to the largest item index + 1 (or the size of `itemIds`). */
  numItems?: number;
  /** Number of workers; defaults to the largest worker index + 1 (or the size of `workerIds`). */
  numWorkers?: number;
  /** Number of classes; defaults to the largest label + 1 (or the size of `classIds`). */
  numClasses?: number;
  /** External ids of the items; defaults to the identity map. */
  itemIds?: IdMap;
  /** External ids of the workers; defaults to the identity map. */
  workerIds?: IdMap;
  /** Class names; defaults to the identity map. */
  classIds?: IdMap;
  /** What to do with repeated (item, worker) cells. Default `'error'`. */
  duplicatePolicy?: DuplicatePolicy;
  /**
   * When the columns are already in canonical order (by item, then worker,
   * no duplicates) they are adopted without a copy unless this is true.
   * Default false: adopted arrays must not be modified afterwards.
   */
  copy?: boolean;
  /** Name of the input, used in error messages. */
  source?: string;
  /** Maps an input row to its line in `source`, so errors name lines instead of rows. */
  lineOfRow?: (row: number) => number;
}

/** One label with external ids, as read from a file or given by a user. */
export interface Observation {
  /** The item's external id. */
  item: ExternalId;
  /** The worker's external id. */
  worker: ExternalId;
  /** The class, by its external id (name or number). */
  label: ExternalId;
  /** Defaults to `'observed'`. */
  origin?: OriginName;
}

/** Options of {@link CrowdLabels.fromObservations}. */
export interface FromObservationsOptions {
  /**
   * The class ids, in index order. When omitted the classes are those seen,
   * sorted numerically if every id is a number or a numeric string (so `"2"`
   * comes before `"10"`), and by code unit otherwise.
   * With it, a label outside the list is an UNKNOWN_CLASS error.
   */
  classes?: readonly ExternalId[];
  /** Items known in advance (kept even when unlabelled), in index order; others are appended as seen. */
  items?: readonly ExternalId[];
  /** Workers known in advance (kept even when they gave no label), in index order; others are appended as seen. */
  workers?: readonly ExternalId[];
  /** What to do with repeated (item, worker) cells. Default `'error'`. */
  duplicatePolicy?: DuplicatePolicy;
  /** Name of the input, used in error messages. */
  source?: string;
  /** Maps an observation's position to its line in `source`, so errors name lines. */
  lineOfRow?: (row: number) => number;
}

const CROWD_LABELS_BRAND = brand('CrowdLabels');

/**
 * The observations `(item, worker, label)` of one crowdsourced dataset: a
 * sparse N x R matrix of class labels.
 *
 * Storage (the canonical order is by item, then by worker):
 * - columns `item`, `worker`, `label` as `Int32Array`s, one entry per label;
 * - `origin`, one byte per label, or `null` when every label is observed, so
 *   raw data costs 12 bytes per label plus the worker view below;
 * - the item view: `itemOffsets` (length N+1) — labels of item i are the
 *   indices `itemOffsets[i] .. itemOffsets[i+1]-1`, in worker order;
 * - the worker view: `workerOffsets` (length R+1) and `workerOrder` (one
 *   `Int32` per label) — the labels of worker r are `workerOrder[p]` for
 *   `p` in `workerOffsets[r] .. workerOffsets[r+1]-1`, in item order.
 *
 * So a built matrix takes 16 bytes per label (17 with an origin column) plus
 * O(N + R). Construction is O(labels + N + R): counting sorts, no comparison
 * sort and no object per label. Instances are immutable by convention; every
 * transform returns a new one.
 */
export class CrowdLabels {
  /** Recognised by every copy of core-matrix: `instanceof` holds across copies (two versions in one install). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, CROWD_LABELS_BRAND);
  }

  /** The mark every copy of core-matrix recognises. */
  readonly [CROWD_LABELS_BRAND] = true;

  /** Number of items N (including items without labels). */
  readonly numItems: number;
  /** Number of workers R (including workers without labels). */
  readonly numWorkers: number;
  /** Number of classes K. */
  readonly numClasses: number;
  /** Item index per label, canonical order. */
  readonly item: Int32Array;
  /** Worker index per label, canonical order. */
  readonly worker: Int32Array;
  /** Class index per label, canonical order. */
  readonly label: Int32Array;
  /** {@link Origin} code per label, or `null` when every label is observed. */
  readonly origin: Uint8Array | null;
  /** Item view: `itemOffsets[i]..itemOffsets[i+1]` are item i's labels. */
  readonly itemOffsets: Int32Array;
  /** Worker view: `workerOffsets[r]..workerOffsets[r+1]` index into {@link workerOrder}. */
  readonly workerOffsets: Int32Array;
  /** Label indices sorted by worker, then item. */
  readonly workerOrder: Int32Array;
  /** External ids of the items. */
  readonly items: IdMap;
  /** External ids of the workers. */
  readonly workers: IdMap;
  /** Class names. */
  readonly classes: IdMap;

  private constructor(parts: {
    numItems: number;
    numWorkers: number;
    numClasses: number;
    item: Int32Array;
    worker: Int32Array;
    label: Int32Array;
    origin: Uint8Array | null;
    itemOffsets: Int32Array;
    items: IdMap;
    workers: IdMap;
    classes: IdMap;
  }) {
    this.numItems = parts.numItems;
    this.numWorkers = parts.numWorkers;
    this.numClasses = parts.numClasses;
    this.item = parts.item;
    this.worker = parts.worker;
    this.label = parts.label;
    this.origin = parts.origin;
    this.itemOffsets = parts.itemOffsets;
    this.items = parts.items;
    this.workers = parts.workers;
    this.classes = parts.classes;
    this.workerOrder = new Int32Array(parts.item.length);
    this.workerOffsets = countingSortBy(parts.worker, parts.numWorkers, this.workerOrder);
  }

  /** Number of labels. */
  get numLabels(): number {
    return this.label.length;
  }

  /** Number of labels whose origin is {@link Origin.Completed}. */
  get numCompleted(): number {
    if (this.origin === null) return 0;
    let c = 0;
    for (let e = 0; e < this.origin.length; e++) if (this.origin[e] === Origin.Completed) c++;
    return c;
  }

  /** The origin code of label `e`. */
  originOf(e: number): number {
    return this.origin === null ? Origin.Observed : (this.origin[e] as number);
  }

  /** Number of labels item `i` received. */
  itemDegree(i: number): number {
    return (this.itemOffsets[i + 1] as number) - (this.itemOffsets[i] as number);
  }

  /** Number of labels worker `r` gave. */
  workerDegree(r: number): number {
    return (this.workerOffsets[r + 1] as number) - (this.workerOffsets[r] as number);
  }

  /** Index of the label worker `r` gave item `i`, or -1 when that cell is empty. O(log degree). */
  findLabel(i: number, r: number): number {
    let lo = this.itemOffsets[i] as number;
    let hi = (this.itemOffsets[i + 1] as number) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const w = this.worker[mid] as number;
      if (w === r) return mid;
      if (w < r) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The labels as observations with external ids, in canonical order. Allocates one object per label: for export, not hot paths. */
  *observations(): IterableIterator<Required<Observation>> {
    for (let e = 0; e < this.numLabels; e++) {
      yield {
        item: this.items.idOf(this.item[e] as number),
        worker: this.workers.idOf(this.worker[e] as number),
        label: this.classes.idOf(this.label[e] as number),
        origin: this.originOf(e) === Origin.Completed ? 'completed' : 'observed',
      };
    }
  }

  /**
   * Builds a matrix from dense-index columns.
   *
   * Checks every index against the shape (INDEX_OUT_OF_RANGE names the row),
   * sorts into canonical order with two stable counting sorts, and resolves
   * repeated cells by `duplicatePolicy` (DUPLICATE_LABEL names both rows).
   * Columns already in canonical order are adopted without a copy.
   */
  static fromArrays(columns: LabelColumns, options: FromArraysOptions = {}): CrowdLabels {
    const { item, worker, label } = columns;
    const n = label.length;
    const source = options.source ?? 'fromArrays';
    const where = rowLocator(source, options.lineOfRow);
    if (item.length !== n || worker.length !== n || (columns.origin !== undefined && columns.origin.length !== n)) {
      throw new CrowdError('SHAPE_MISMATCH', 'label columns differ in length', {
        source,
        expected: `item, worker, label${columns.origin ? ', origin' : ''} of one length`,
        found: `${item.length}, ${worker.length}, ${label.length}${columns.origin ? `, ${columns.origin.length}` : ''}`,
      });
    }
    const numItems = resolveCount('numItems', options.numItems, options.itemIds, item, source);
    const numWorkers = resolveCount('numWorkers', options.numWorkers, options.workerIds, worker, source);
    const numClasses = resolveCount('numClasses', options.numClasses, options.classIds, label, source);
    checkRange('item', item, numItems, where);
    checkRange('worker', worker, numWorkers, where);
    checkRange('label', label, numClasses, where);
    const origin = normaliseOrigin(columns.origin, where);

    const common = {
      numItems,
      numWorkers,
      numClasses,
      items: options.itemIds ?? IdMap.identity(numItems),
      workers: options.workerIds ?? IdMap.identity(numWorkers),
      classes: options.classIds ?? IdMap.identity(numClasses),
    };

    if (isCanonical(item, worker)) {
      const copy = options.copy === true;
      return new CrowdLabels({
        ...common,
        item: copy ? item.slice() : item,
        worker: copy ? worker.slice() : worker,
        label: copy ? label.slice() : label,
        origin: origin !== null && copy ? origin.slice() : origin,
        itemOffsets: runOffsets(item, numItems),
      });
    }

    const sorted = sortCanonical(item, worker, label, origin, numItems, numWorkers);
    const kept = resolveDuplicates(sorted, options.duplicatePolicy ?? 'error', where, common);
    return new CrowdLabels({
      ...common,
      item: kept.item,
      worker: kept.worker,
      label: kept.label,
      origin: normaliseOrigin(kept.origin ?? undefined, where),
      itemOffsets: kept.itemOffsets,
    });
  }

  /**
   * Builds a matrix from observations with external ids (strings or
   * numbers), assigning dense indices: items and workers in order of first
   * appearance (after any given in `options.items` / `options.workers`),
   * classes as described in {@link FromObservationsOptions.classes}.
   */
  static fromObservations(observations: Iterable<Observation>, options: FromObservationsOptions = {}): CrowdLabels {
    const builder = new CrowdLabelsBuilder(options);
    for (const o of observations) builder.add(o.item, o.worker, o.label, o.origin === 'completed');
    return builder.build();
  }
}

/**
 * Builds a {@link CrowdLabels} one label at a time from external ids, with
 * no object per label: ids are interned as they come and the dense indices
 * go into growable typed columns. What file readers use.
 */
export class CrowdLabelsBuilder {
  readonly #options: FromObservationsOptions;
  readonly #where: RowLocator;
  readonly #items = new IdMapBuilder();
  readonly #workers = new IdMapBuilder();
  readonly #given: IdMap | undefined;
  readonly #seenClasses = new IdMapBuilder();
  readonly #item = new Int32Builder();
  readonly #worker = new Int32Builder();
  readonly #label = new Int32Builder();
  #origin: Int32Builder | undefined;

  constructor(options: FromObservationsOptions = {}) {
    this.#options = options;
    this.#where = rowLocator(options.source ?? 'observations', options.lineOfRow);
    for (const id of options.items ?? []) this.#items.intern(id);
    for (const id of options.workers ?? []) this.#workers.intern(id);
    this.#given = options.classes !== undefined ? IdMap.fromIds(options.classes) : undefined;
  }

  /** Number of labels added so far. */
  get length(): number {
    return this.#label.length;
  }

  /**
   * Adds one label. With a fixed class list, an unknown class is an
   * UNKNOWN_CLASS error located at this label's row.
   */
  add(item: ExternalId, worker: ExternalId, label: ExternalId, completed = false): void {
    const row = this.#label.length;
    this.#item.push(this.#items.intern(item));
    this.#worker.push(this.#workers.intern(worker));
    if (this.#given !== undefined) {
      const k = this.#given.indexOf(label);
      if (k < 0) {
        throw new CrowdError('UNKNOWN_CLASS', `label ${JSON.stringify(label)} is not a known class`, {
          ...this.#where(row),
          expected: `one of ${describeIds(this.#options.classes as readonly ExternalId[])}`,
          found: JSON.stringify(label),
        });
      }
      this.#label.push(k);
    } else {
      this.#label.push(this.#seenClasses.intern(label));
    }
    if (completed && this.#origin === undefined) {
      this.#origin = new Int32Builder();
      for (let e = 0; e < row; e++) this.#origin.push(Origin.Observed);
    }
    this.#origin?.push(completed ? Origin.Completed : Origin.Observed);
  }

  /** The matrix of everything added (see {@link CrowdLabels.fromObservations} for the id and class order). */
  build(): CrowdLabels {
    const options = this.#options;
    const labelCol = this.#label.finish();
    let classIds = this.#given;
    if (classIds === undefined) {
      const { ids, remap } = sortClassIds(this.#seenClasses.ids());
      classIds = IdMap.fromIds(ids);
      for (let e = 0; e < labelCol.length; e++) labelCol[e] = remap[labelCol[e] as number] as number;
    }
    return CrowdLabels.fromArrays(
      {
        item: this.#item.finish(),
        worker: this.#worker.finish(),
        label: labelCol,
        ...(this.#origin !== undefined ? { origin: Uint8Array.from(this.#origin.finish()) } : {}),
      },
      {
        itemIds: this.#items.build(),
        workerIds: this.#workers.build(),
        classIds,
        duplicatePolicy: options.duplicatePolicy ?? 'error',
        source: options.source ?? 'observations',
        ...(options.lineOfRow !== undefined ? { lineOfRow: options.lineOfRow } : {}),
      },
    );
  }
}

function resolveCount(
  name: string,
  given: number | undefined,
  ids: IdMap | undefined,
  column: Int32Array,
  source: string,
): number {
  if (given !== undefined) {
    if (!Number.isInteger(given) || given < 0) {
      throw new CrowdError('INVALID_ARGUMENT', `${name} must be a non-negative integer`, { source, found: String(given) });
    }
    if (ids !== undefined && ids.size !== given) {
      throw new CrowdError('SHAPE_MISMATCH', `${name} disagrees with its id map`, {
        source,
        expected: String(given),
        found: `${ids.size} ids`,
      });
    }
    return given;
  }
  if (ids !== undefined) return ids.size;
  let max = -1;
  for (let e = 0; e < column.length; e++) if ((column[e] as number) > max) max = column[e] as number;
  return max + 1;
}

function rowName(where: RowLocator, row: number): string {
  const loc = where(row);
  return loc.line === undefined ? `row ${row}` : `line ${loc.line}`;
}

function checkRange(name: string, column: Int32Array, count: number, where: RowLocator): void {
  for (let e = 0; e < column.length; e++) {
    const v = column[e] as number;
    if (v < 0 || v >= count) {
      throw new CrowdError('INDEX_OUT_OF_RANGE', `${name} index out of range in ${rowName(where, e)}`, {
        ...where(e),
        expected: `an integer in [0, ${count - 1}]`,
        found: String(v),
      });
    }
  }
}

function normaliseOrigin(origin: Uint8Array | undefined, where: RowLocator): Uint8Array | null {
  if (origin === undefined) return null;
  let any = false;
  for (let e = 0; e < origin.length; e++) {
    const o = origin[e] as number;
    if (o === Origin.Completed) any = true;
    else if (o !== Origin.Observed) {
      throw new CrowdError('INVALID_ARGUMENT', `origin code out of range in ${rowName(where, e)}`, {
        ...where(e),
        expected: '0 (observed) or 1 (completed)',
        found: String(o),
      });
    }
  }
  return any ? origin : null;
}

function isCanonical(item: Int32Array, worker: Int32Array): boolean {
  for (let e = 1; e < item.length; e++) {
    const di = (item[e] as number) - (item[e - 1] as number);
    if (di < 0 || (di === 0 && (worker[e] as number) <= (worker[e - 1] as number))) return false;
  }
  return true;
}

/** Columns in canonical order, with `rows[p]` the input row of position p. */
interface SortedColumns {
  item: Int32Array;
  worker: Int32Array;
  label: Int32Array;
  origin: Uint8Array | null;
  rows: Int32Array;
  itemOffsets: Int32Array;
}

/**
 * LSD radix sort into (item, worker) order: a stable counting sort by worker,
 * then a stable counting sort by item of the item column gathered into worker
 * order (so the second sort reads its keys sequentially). Equal cells stay in
 * input order, which keepFirst / keepLast rely on. The sorted item column
 * comes from the offsets, without a gather.
 */
function sortCanonical(
  item: Int32Array,
  worker: Int32Array,
  label: Int32Array,
  origin: Uint8Array | null,
  numItems: number,
  numWorkers: number,
): SortedColumns {
  const n = item.length;
  const byWorker = new Int32Array(n);
  countingSortBy(worker, numWorkers, byWorker);
  const itemInWorkerOrder = new Int32Array(n);
  for (let p = 0; p < n; p++) itemInWorkerOrder[p] = item[byWorker[p] as number] as number;
  const positions = new Int32Array(n);
  const itemOffsets = countingSortBy(itemInWorkerOrder, numItems, positions);
  const rows = itemInWorkerOrder; // reused: no longer needed
  for (let p = 0; p < n; p++) rows[p] = byWorker[positions[p] as number] as number;
  const sItem = new Int32Array(n);
  for (let i = 0; i < numItems; i++) sItem.fill(i, itemOffsets[i] as number, itemOffsets[i + 1] as number);
  const sWorker = byWorker; // reused
  const sLabel = positions; // reused
  for (let p = 0; p < n; p++) {
    const e = rows[p] as number;
    sWorker[p] = worker[e] as number;
    sLabel[p] = label[e] as number;
  }
  let sOrigin: Uint8Array | null = null;
  if (origin !== null) {
    sOrigin = new Uint8Array(n);
    for (let p = 0; p < n; p++) sOrigin[p] = origin[rows[p] as number] as number;
  }
  return { item: sItem, worker: sWorker, label: sLabel, origin: sOrigin, rows, itemOffsets };
}

/** Drops repeated cells from sorted columns by `policy` (a scan over adjacent positions). */
function resolveDuplicates(
  s: SortedColumns,
  policy: DuplicatePolicy,
  where: RowLocator,
  ids: { items: IdMap; workers: IdMap },
): SortedColumns {
  const n = s.item.length;
  let duplicates = 0;
  for (let p = 1; p < n; p++) {
    if (s.item[p] === s.item[p - 1] && s.worker[p] === s.worker[p - 1]) {
      if (policy === 'error') {
        const a = s.rows[p - 1] as number;
        const b = s.rows[p] as number;
        throw new CrowdError(
          'DUPLICATE_LABEL',
          `worker ${JSON.stringify(ids.workers.idOf(s.worker[p] as number))} labels item ${JSON.stringify(
            ids.items.idOf(s.item[p] as number),
          )} twice (${rowName(where, a)} and ${rowName(where, b)})`,
          { ...where(b), expected: "one label per (item, worker), or duplicatePolicy 'keepFirst' / 'keepLast'" },
        );
      }
      duplicates++;
    }
  }
  if (duplicates === 0) return s;
  // Compact in place: a run of equal cells keeps its first (keepFirst) or last (keepLast) member.
  let m = 0;
  for (let p = 0; p < n; p++) {
    const sameAsPrev = p > 0 && s.item[p] === s.item[p - 1] && s.worker[p] === s.worker[p - 1];
    const sameAsNext = p + 1 < n && s.item[p] === s.item[p + 1] && s.worker[p] === s.worker[p + 1];
    if (policy === 'keepFirst' ? sameAsPrev : sameAsNext) continue;
    s.item[m] = s.item[p] as number;
    s.worker[m] = s.worker[p] as number;
    s.label[m] = s.label[p] as number;
    if (s.origin !== null) s.origin[m] = s.origin[p] as number;
    s.rows[m] = s.rows[p] as number;
    m++;
  }
  const item = s.item.slice(0, m);
  return {
    item,
    worker: s.worker.slice(0, m),
    label: s.label.slice(0, m),
    origin: s.origin === null ? null : s.origin.slice(0, m),
    rows: s.rows.subarray(0, m),
    itemOffsets: runOffsets(item, s.itemOffsets.length - 1),
  };
}

/** What {@link sortClassIds} returns. */
export interface SortedClassIds {
  /** The ids in sorted order. */
  ids: ExternalId[];
  /** `remap[old]` is the sorted index of the id at `old` in the input. */
  remap: Int32Array;
}

/**
 * Sorts class ids into the order every reader gives classes, returning the
 * sorted ids and the old-to-new index map: numerically when every id is a
 * number or a numeric string (so "2" < "10"), else by code unit.
 */
export function sortClassIds(seen: ExternalId[]): SortedClassIds {
  const numeric = seen.every((id) => typeof id === 'number' || (id.trim() !== '' && Number.isFinite(Number(id))));
  const order = seen.map((_, k) => k);
  order.sort((a, b) => {
    const x = seen[a] as ExternalId;
    const y = seen[b] as ExternalId;
    if (numeric) return Number(x) - Number(y) || (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0);
    const sx = String(x);
    const sy = String(y);
    return sx < sy ? -1 : sx > sy ? 1 : 0;
  });
  const remap = new Int32Array(seen.length);
  order.forEach((old, k) => (remap[old] = k));
  return { ids: order.map((k) => seen[k] as ExternalId), remap };
}

function describeIds(ids: readonly ExternalId[]): string {
  const shown = ids.slice(0, 10).map((id) => JSON.stringify(id));
  return `[${shown.join(', ')}${ids.length > 10 ? ', ...' : ''}]`;
}
