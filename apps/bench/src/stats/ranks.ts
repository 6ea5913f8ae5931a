/**
 * Ranks of `values` with 1 for the best, ties sharing the mean of their ranks
 * (the convention of Demšar 2006). `higherIsBetter` for accuracies.
 */
export function rankRow(values: readonly number[], higherIsBetter = true): number[] {
  const order = values.map((v, j) => ({ v: higherIsBetter ? -v : v, j })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && (order[end + 1] as { v: number }).v === (order[start] as { v: number }).v) end++;
    const mean = (start + end) / 2 + 1;
    for (let p = start; p <= end; p++) ranks[(order[p] as { j: number }).j] = mean;
    start = end + 1;
  }
  return ranks;
}

/** Average rank of each method (column) over datasets (rows). */
export function averageRanks(table: readonly (readonly number[])[], higherIsBetter = true): number[] {
  const k = table[0]?.length ?? 0;
  const sum = new Array<number>(k).fill(0);
  for (const row of table) rankRow(row, higherIsBetter).forEach((r, j) => (sum[j]! += r));
  return sum.map((s) => s / Math.max(1, table.length));
}
