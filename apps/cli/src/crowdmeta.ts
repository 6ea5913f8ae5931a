import { accuracy, CrowdError, type Features } from '@crowdlearn/core-matrix';
import { CROWDMETA_AGGREGATOR, crowdMeta, type CrowdMetaResult } from '@crowdlearn/crowdmeta';
import { optionValue } from './methods.js';
import { readFeatureTable, type LoadedInput } from './input.js';
import { assertWritable, fmt, inferredLabelsCsv, printJson, writeOutput } from './output.js';

/** The options of `train --method crowdmeta`. */
export interface CrowdMetaCliOptions {
  /** CSV `id, f1..fd, label`: labelled instances of other classes (the source domain). */
  source?: string;
  /** CSV `id, f1..fd, label`: a few labelled instances of the crowd's classes (fine-tuning). */
  support?: string;
  metaIters?: number;
  secondOrder?: boolean;
  seed?: number;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/**
 * CrowdMeta on the user's data: the crowd's labels and features of the
 * target items, a source-domain file and a support file. Reports accuracy
 * with gold and writes the inferred `task,label` rows with --out.
 */
export async function crowdMetaCommand(input: LoadedInput, features: Features, backend: string, o: CrowdMetaCliOptions): Promise<void> {
  if (o.source === undefined || o.support === undefined) {
    throw new CrowdError('INVALID_ARGUMENT', 'crowdmeta needs --source and --support', {
      expected: '--source <csv> (id, features..., label: instances of other classes) and --support <csv> (a few labelled instances of the crowd classes)',
    });
  }
  assertWritable(o.out, o.force === true);
  const source = readFeatureTable(o.source, true);
  const support = readFeatureTable(o.support, true);
  for (const [path, t] of [[o.source, source], [o.support, support]] as const) {
    if (t.features.numCols !== features.numCols) throw new CrowdError('SHAPE_MISMATCH', 'the features differ in width from the target items', { source: path, expected: String(features.numCols), found: String(t.features.numCols) });
  }
  const classNames = input.labels.classes.ids().map(String);
  const supportClasses = Int32Array.from(support.labels ?? [], (name, j) => {
    const k = classNames.indexOf(name);
    if (k < 0) throw new CrowdError('UNKNOWN_CLASS', `a support class the crowd never used, row ${j + 1}`, { source: o.support, expected: classNames.join(', '), found: JSON.stringify(name) });
    return k;
  });
  const sourceNames = [...new Set(source.labels ?? [])];
  const sourceClasses = Int32Array.from(source.labels ?? [], (name) => sourceNames.indexOf(name));
  const metaIters = optionValue(CROWDMETA_AGGREGATOR, 'metaIters', o.metaIters) as number;
  const t0 = performance.now();
  const result: CrowdMetaResult = await crowdMeta(
    input.labels,
    { source: { features: source.features, classes: sourceClasses }, support: { features: support.features, classes: supportClasses }, target: features, numClasses: input.labels.numClasses },
    { representation: { seed: o.seed ?? 0, metaIters, secondOrder: o.secondOrder === true } },
  );
  const seconds = (performance.now() - t0) / 1000;
  const { labels } = input;
  const report: Record<string, unknown> = {
    method: 'crowdmeta',
    source: input.source,
    backend,
    items: labels.numItems,
    workers: labels.numWorkers,
    labels: labels.numLabels,
    classes: labels.numClasses,
    sourceInstances: source.features.numRows,
    sourceClasses: sourceNames.length,
    supportInstances: support.features.numRows,
    metaIters,
    episode: result.representation.episode,
    rounds: result.rounds,
    seconds,
  };
  if (result.representation.warnings.length > 0) report.warnings = result.representation.warnings;
  if (input.gold !== undefined && input.gold.size > 0) report.accuracy = accuracy(result.labels, input.gold);
  if (o.out !== undefined) {
    await writeOutput(o.out, inferredLabelsCsv(labels, result.labels), o.force === true);
    report.out = o.out;
  }
  if (o.json === true) return printJson(report);
  const lines = [`crowdmeta on ${input.source} (${backend}): ${source.features.numRows} source instances of ${sourceNames.length} classes, ${support.features.numRows} support instances, ${metaIters} meta-iterations, ${result.rounds} EM rounds, ${fmt(seconds, 1)} s`];
  if (report.accuracy !== undefined) lines.push(`accuracy ${fmt(100 * (report.accuracy as number), 2)}% on ${input.gold?.size} gold items`);
  for (const w of result.representation.warnings) lines.push(`warning: ${w}`);
  if (o.out !== undefined) lines.push(`labels written to ${o.out}`);
  process.stdout.write(lines.join('\n') + '\n');
}
