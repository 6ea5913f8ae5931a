import type { CrowdLabels } from '@crowdlearn/core-matrix';

/** Which workers' empty cells a filling method fills. */
export interface FillCellOptions {
  /** Only workers with more than `threshold` labels are filled (MMLC's density study b). Default 0: every worker with a label. */
  threshold?: number;
  /** Also fill workers without any label (their model is untrained noise). Default false. */
  fillUnseenWorkers?: boolean;
}

/** (item, worker) cells, item-major. */
export interface FillCells {
  /** Item of each cell. */
  item: Int32Array;
  /** Worker of each cell. */
  worker: Int32Array;
}

/**
 * The empty cells a filling method completes: every missing (item, worker)
 * of the workers with more than `threshold` labels. MMLC-df, G_MV and G_IRT
 * fill exactly these, so their results are comparable.
 */
export function fillCells(labels: CrowdLabels, options: FillCellOptions = {}): FillCells {
  const threshold = options.threshold ?? 0;
  const eligible = Int32Array.from({ length: labels.numWorkers }, (_, r) => r).filter((r) => {
    const n = labels.workerDegree(r);
    return n > threshold && (n > 0 || options.fillUnseenWorkers === true);
  });
  const filled = new Uint8Array(labels.numWorkers);
  const item: number[] = [];
  const worker: number[] = [];
  for (let i = 0; i < labels.numItems; i++) {
    const start = labels.itemOffsets[i] as number;
    const end = labels.itemOffsets[i + 1] as number;
    for (let e = start; e < end; e++) filled[labels.worker[e] as number] = 1;
    for (const r of eligible) {
      if (filled[r] === 1) continue;
      item.push(i);
      worker.push(r);
    }
    for (let e = start; e < end; e++) filled[labels.worker[e] as number] = 0;
  }
  return { item: Int32Array.from(item), worker: Int32Array.from(worker) };
}

/** The filling density |D'| / (R · N) of a (filled) label matrix. */
export function fillingDensity(labels: CrowdLabels): number {
  return labels.numLabels / (labels.numWorkers * labels.numItems);
}
