import { accuracy, accuracyOnAggregates, classificationReport, consistency, CrowdError } from '@crowdlearn/core-matrix';
import type { AggregationResult } from '@crowdlearn/aggregators';
import { loadInput } from '../input.js';
import { flagName, methodEntry, requestedPreset, TRAINED_AGGREGATORS } from '../methods.js';
import { methodOptions, seedValue } from '../method-flags.js';
import { methodInputs } from '../method-inputs.js';
import { trainCommand, type TrainCommandOptions } from './train.js';
import { aggregateInEngine, type EngineCommandOptions } from './aggregate-engine.js';
import { aggregateMultiLabel, type MultiLabelFlags } from './aggregate-multi-label.js';
import { aggregateReport, aggregateSummaryLines, fmt, isStdout, printJson } from '../output.js';
import { labelsDestination, writeAggregationOutputs, type AggregationOutputFlags } from '../aggregation-outputs.js';

/** Options of `crowdlearn aggregate` (besides the method's own, derived from its catalogue entry). */
export interface AggregateCommandOptions extends EngineCommandOptions, TrainCommandOptions, AggregationOutputFlags, Omit<MultiLabelFlags, 'columns' | 'out' | 'force' | 'json'> {
  /** Multi-label answers: BinaryRelevance over the method. */
  multiLabel?: boolean;
}

/** The method options an SQL engine's plans take. */
const ENGINE_OPTIONS: readonly string[] = ['maxIterations', 'tol'];

/** Truth inference: prints a summary (or one JSON object) and optionally writes `task,label` rows. */
export async function aggregateCommand(file: string | undefined, o: AggregateCommandOptions): Promise<void> {
  // truth inference by a trained model: the same run as `train --method <name>`
  if (TRAINED_AGGREGATORS.includes(o.method)) return trainCommand(file, o);
  const entry = methodEntry(o.method, 'aggregate');
  const options = methodOptions(entry, 'aggregate', o);
  const seed = seedValue(o.seed);
  requestedPreset(entry, o); // a --preset the method does not know is an error
  if (o.backend !== undefined) throw new CrowdError('INVALID_ARGUMENT', `--backend does not apply to ${o.method}`, { expected: 'a method that trains a TensorFlow.js model (see `crowdlearn methods`)' });
  // multi-label answers: BinaryRelevance over the chosen aggregator
  if (o.multiLabel === true) return aggregateMultiLabel(file, entry, options, seed, o);
  if (o.labelSeparator !== undefined) throw new CrowdError('INVALID_ARGUMENT', '--label-separator goes with --multi-label', { expected: '--multi-label' });
  // inside an SQL engine: DuckDB embedded, or a ClickHouse server or cluster
  if (o.engine !== undefined) {
    const unsupported = Object.keys(options).filter((name) => !ENGINE_OPTIONS.includes(name));
    if (unsupported.length > 0) throw new CrowdError('INVALID_ARGUMENT', `${unsupported.map(flagName).join(', ')} cannot be used with --engine`, { expected: `in an engine, only ${ENGINE_OPTIONS.map(flagName).join(' and ')}` });
    for (const flag of ['proba', 'workersOut', 'confusions', 'jsonDetail'] as const) {
      if (o[flag] !== undefined) throw new CrowdError('INVALID_ARGUMENT', `${flagName(flag)} cannot be used with --engine`, { expected: 'the engine writes item,label,confidence with --out' });
    }
    if (o.trueLabels !== undefined) throw new CrowdError('INVALID_ARGUMENT', '--true-labels cannot be used with --engine', { expected: 'known labels in process, without --engine' });
    const out = labelsDestination(o);
    return aggregateInEngine(file, { ...o, seed, ...(out !== undefined ? { out } : {}) }, options);
  }
  for (const flag of ['engineUrl', 'engineCluster', 'engineDb', 'memoryLimit'] as const) {
    if (o[flag] !== undefined) throw new CrowdError('INVALID_ARGUMENT', `${flagName(flag)} applies only with --engine`, { expected: '--engine duckdb or --engine clickhouse' });
  }
  const out = labelsDestination(o);
  const input = await loadInput(file, o);
  if (entry.capabilities.needsFeatures && input.features === undefined) {
    throw new CrowdError('INVALID_ARGUMENT', `${o.method} needs item features`, { expected: '--features <file> or a --dataset with features' });
  }
  const extra = methodInputs(entry, o, input);
  const t0 = performance.now();
  const result = (await entry.run({ labels: input.labels, ...(input.features !== undefined ? { features: input.features } : {}), ...extra }, options, { seed })) as AggregationResult;
  const seconds = (performance.now() - t0) / 1000;
  const { labels } = input;
  const report = aggregateReport(o.method, {}, input.source, labels, seconds, result);
  // how well the crowd backs the result: the share of labels that agree with it, and crowd-kit's consistency
  // (the one-coin posterior of each result label, with each worker's agreement as their skill)
  const agreement = accuracyOnAggregates(labels, result.labels);
  report.agreement = agreement.overall;
  report.consistency = consistency(labels, result.labels, agreement.perWorker).mean;
  if (input.gold !== undefined && input.gold.size > 0) {
    report.goldItems = input.gold.size;
    report.accuracy = accuracy(result.labels, input.gold);
    const r = classificationReport(result.labels, input.gold);
    report.macroF1 = r.macroF1;
    report.perClass = labels.classes.ids().map((id, k) => ({ class: id, precision: r.precision[k], recall: r.recall[k], f1: r.f1[k], support: r.support[k] }));
  }
  await writeAggregationOutputs(input, result, o, report);
  if (o.json === true) return printJson(report);
  const lines = aggregateSummaryLines(o.method, input.source, labels, seconds, result.iterations);
  if (labels.numLabels > 0) lines.push(`${fmt(100 * agreement.overall, 2)}% of the labels agree with the result; consistency ${fmt(report.consistency as number)}`);
  if (report.accuracy !== undefined) lines.push(`accuracy ${fmt(100 * (report.accuracy as number), 2)}% on ${input.gold?.size} gold items, macro F1 ${fmt(report.macroF1 as number)}`);
  if (report.out !== undefined) lines.push(`labels written to ${report.out as string}`);
  if (report.workersOut !== undefined) lines.push(`worker table written to ${report.workersOut as string}`);
  // with the labels on standard output, the summary goes to standard error
  (isStdout(out) ? process.stderr : process.stdout).write(lines.join('\n') + '\n');
}
