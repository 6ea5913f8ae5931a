/**
 * What the page shows of one aggregator's result, computed in the worker
 * next to the labels: per-item confidence and agreement with the crowd, the
 * worker table exactly as the CLI writes it, and the scores against gold.
 */
import { workerConfusions, workersTable, type AggregationResult } from '@crowdlearn/aggregators';
import { accuracy, classificationReport, type CrowdLabels, type GoldLabels } from '@crowdlearn/core-matrix';
import type { RunSummary } from './protocol.js';

/** The page's view of `result` on `labels` (and `gold`). */
export function runSummary(labels: CrowdLabels, gold: GoldLabels | undefined, result: AggregationResult, run: { settings: string; seconds: number }): RunSummary {
  const N = labels.numItems;
  const K = labels.numClasses;
  const confidence = new Float64Array(N);
  for (let i = 0; i < N; i++) confidence[i] = result.posteriors[i * K + (result.labels[i] as number)] as number;
  // each item's crowd votes per class, to say how far the inferred class agrees with them
  const votes = new Float64Array(N * K);
  const perItem = new Float64Array(N);
  for (let e = 0; e < labels.numLabels; e++) {
    const i = labels.item[e] as number;
    votes[i * K + (labels.label[e] as number)]! += 1;
    perItem[i]! += 1;
  }
  const agreement = new Float64Array(N);
  const disagrees = new Uint8Array(N);
  const classCounts = new Float64Array(K);
  for (let i = 0; i < N; i++) {
    const k = result.labels[i] as number;
    classCounts[k]! += 1;
    let top = 0;
    for (let c = 0; c < K; c++) top = Math.max(top, votes[i * K + c] as number);
    const mine = votes[i * K + k] as number;
    agreement[i] = perItem[i]! > 0 ? mine / perItem[i]! : Number.NaN;
    disagrees[i] = mine < top ? 1 : 0;
  }
  const table = workersTable(labels, result, gold !== undefined ? { gold } : {});
  const summary: RunSummary = {
    method: result.method,
    settings: run.settings,
    seconds: run.seconds,
    labels: result.labels,
    confidence,
    agreement,
    disagrees,
    classCounts,
    workers: { columns: table.columns, rows: Array.from({ length: table.size }, (_, j) => table.row(j)) },
    hasConfusions: workerConfusions(result, labels.numWorkers, K) !== undefined,
  };
  if (result.iterations !== undefined) summary.iterations = result.iterations;
  if (result.converged !== undefined) summary.converged = result.converged;
  if (gold !== undefined && gold.size > 0) {
    const report = classificationReport(result.labels, gold);
    summary.gold = { accuracy: accuracy(result.labels, gold), macroF1: report.macroF1, perClassAccuracy: Array.from(report.recall), support: Array.from(report.support) };
  }
  return summary;
}

/**
 * A worker's confusion matrix (rows: true class, columns: given label, each
 * row summing to 1): the method's own where it has one, else the worker's
 * labels against the inferred classes.
 */
export function workerConfusion(labels: CrowdLabels, result: AggregationResult, worker: number): { matrix: Float64Array; from: 'model' | 'agreement' } {
  const K = labels.numClasses;
  const model = workerConfusions(result, labels.numWorkers, K);
  if (model !== undefined) return { matrix: model.slice(worker * K * K, (worker + 1) * K * K), from: 'model' };
  const matrix = new Float64Array(K * K);
  for (let e = 0; e < labels.numLabels; e++) {
    if (labels.worker[e] !== worker) continue;
    matrix[(result.labels[labels.item[e] as number] as number) * K + (labels.label[e] as number)]! += 1;
  }
  for (let t = 0; t < K; t++) {
    let row = 0;
    for (let g = 0; g < K; g++) row += matrix[t * K + g] as number;
    if (row > 0) for (let g = 0; g < K; g++) matrix[t * K + g]! /= row;
  }
  return { matrix, from: 'agreement' };
}
