/**
 * Stable counting sort of positions by an integer key in `[0, numKeys)`.
 *
 * Returns `offsets` (length `numKeys + 1`, `offsets[k]..offsets[k+1]` is key
 * k's run) and writes the sorted positions into `out`. When `order` is given
 * the positions visited are `order[0..n-1]` (so sorts can be chained, LSD
 * radix style); otherwise `0..n-1`. O(n + numKeys), no comparisons.
 */
export function countingSortBy(
  keys: Int32Array,
  numKeys: number,
  out: Int32Array,
  order?: Int32Array,
): Int32Array {
  const n = out.length;
  const offsets = new Int32Array(numKeys + 1);
  for (let p = 0; p < n; p++) {
    const e = order === undefined ? p : (order[p] as number);
    offsets[(keys[e] as number) + 1]!++;
  }
  for (let k = 0; k < numKeys; k++) offsets[k + 1] = (offsets[k + 1] as number) + (offsets[k] as number);
  const cursor = offsets.slice(0, numKeys);
  for (let p = 0; p < n; p++) {
    const e = order === undefined ? p : (order[p] as number);
    const k = keys[e] as number;
    out[cursor[k] as number] = e;
    cursor[k]!++;
  }
  return offsets;
}

/** Offsets of runs of a sorted key column: `offsets[k]..offsets[k+1]` holds key k. */
export function runOffsets(sortedKeys: Int32Array, numKeys: number): Int32Array {
  const offsets = new Int32Array(numKeys + 1);
  for (let e = 0; e < sortedKeys.length; e++) offsets[(sortedKeys[e] as number) + 1]!++;
  for (let k = 0; k < numKeys; k++) offsets[k + 1] = (offsets[k + 1] as number) + (offsets[k] as number);
  return offsets;
}
