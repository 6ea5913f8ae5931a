import { accuracy, classificationReport, CrowdError } from '@crowdlearn/core-matrix';
import { loadInput, type InputOptions } from '../input.js';
import { runAggregator, TRAINED_AGGREGATORS } from '../methods.js';
import { trainCommand, type TrainCommandOptions } from './train.js';
import { aggregateInEngine, type EngineCommandOptions } from './aggregate-engine.js';
import { readWorkerWeights } from '../weights.js';
import { aggregateReport, aggregateSummaryLines, fmt, inferredLabelsCsv, printJson, writeOutput } from '../output.js';

/** Options of `crowdlearn aggregate`. */
export interface AggregateCommandOptions extends InputOptions, EngineCommandOptions, Omit<TrainCommandOptions, 'method'> {
  method: string;
  seed?: number;
  /** wmv: a worker,weight CSV. */
  weights?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/** Truth inference: prints a summary (or one JSON object) and optionally writes `task,label` rows. */
export async function aggregateCommand(file: string | undefined, o: AggregateCommandOptions): Promise<void> {
  // truth inference by a trained model: the same run as `train --method <name>`
  if (TRAINED_AGGREGATORS.includes(o.method)) return trainCommand(file, o);
  // inside an SQL engine: DuckDB embedded, or a ClickHouse server or cluster
  if (o.engine !== undefined) return aggregateInEngine(file, o);
  const input = await loadInput(file, o);
  const t0 = performance.now();
  if (o.weights !== undefined && o.method !== 'wmv') throw new CrowdError('INVALID_ARGUMENT', '--weights is for --method wmv', { found: o.method });
  const weights = o.weights !== undefined ? readWorkerWeights(o.weights, input.labels) : undefined;
  const result = await runAggregator(o.method, input.labels, input.features, o.seed ?? 0, weights);
  const seconds = (performance.now() - t0) / 1000;
  const { labels } = input;
  const report = aggregateReport(o.method, {}, input.source, labels, seconds, result);
  if (input.gold !== undefined && input.gold.size > 0) {
    report.goldItems = input.gold.size;
    report.accuracy = accuracy(result.labels, input.gold);
    const r = classificationReport(result.labels, input.gold);
    report.macroF1 = r.macroF1;
    report.perClass = labels.classes.ids().map((id, k) => ({ class: id, precision: r.precision[k], recall: r.recall[k], f1: r.f1[k], support: r.support[k] }));
  }
  if (o.out !== undefined) {
    await writeOutput(o.out, inferredLabelsCsv(labels, result.labels), o.force === true);
    report.out = o.out;
  }
  if (o.json === true) return printJson(report);
  const lines = aggregateSummaryLines(o.method, input.source, labels, seconds, result.iterations);
  if (report.accuracy !== undefined) lines.push(`accuracy ${fmt(100 * (report.accuracy as number), 2)}% on ${input.gold?.size} gold items, macro F1 ${fmt(report.macroF1 as number)}`);
  if (o.out !== undefined) lines.push(`labels written to ${o.out}`);
  process.stdout.write(lines.join('\n') + '\n');
}
