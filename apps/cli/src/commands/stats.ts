import { describeCrowd, labelsPerItem, labelsPerWorker, workerAccuracy } from '@crowdlearn/core-matrix';
import { loadInput, type InputOptions } from '../input.js';
import { fmt, printJson } from '../output.js';

/** Options of `crowdlearn stats`. */
export interface StatsCommandOptions extends InputOptions {
  json?: boolean;
}

/** Statistics of a label matrix, with per-worker accuracy when gold is known. */
export async function statsCommand(file: string | undefined, o: StatsCommandOptions): Promise<void> {
  const input = await loadInput(file, o);
  const { labels, gold } = input;
  const s = describeCrowd(labels, gold);
  if (o.json === true) {
    const out: Record<string, unknown> = { source: input.source, ...s, classNames: labels.classes.ids() };
    if (gold !== undefined) out.workerAccuracy = Array.from(workerAccuracy(labels, gold).accuracy);
    return printJson(out);
  }
  const lines = [
    `${input.source}`,
    `items ${s.items} (${s.itemsWithoutLabels} without labels), workers ${s.workers} (${s.workersWithoutLabels} without labels), labels ${s.labels}, classes ${s.classes}`,
    `density ${fmt(s.density)}, missing ${fmt(s.missingProportion)}`,
    `labels per item: min ${s.labelsPerItem.min}, median ${s.labelsPerItem.median}, mean ${fmt(s.labelsPerItem.mean, 2)}, max ${s.labelsPerItem.max}`,
    ...histogram(labelsPerItem(labels)),
    `labels per worker: min ${s.labelsPerWorker.min}, median ${s.labelsPerWorker.median}, mean ${fmt(s.labelsPerWorker.mean, 2)}, max ${s.labelsPerWorker.max}`,
    ...histogram(labelsPerWorker(labels)),
    `annotations per class: ${labels.classes.ids().map((c, k) => `${c} ${s.annotationClassCounts[k]}`).join(', ')}; imbalance ratio R ${fmt(s.annotationImbalanceRatio, 3)}`,
    Number.isNaN(s.krippendorffAlpha)
      ? `Krippendorff's alpha: none (no item has two labels of different classes to compare)`
      : `Krippendorff's alpha ${fmt(s.krippendorffAlpha, 3)} (nominal)${s.krippendorffAlphaInterval !== undefined ? `, ${fmt(s.krippendorffAlphaInterval, 3)} (interval: the classes are numbers)` : ''}`,
  ];
  if (s.gold !== undefined) {
    lines.push(
      `gold items ${s.gold.items}; per class: ${labels.classes.ids().map((c, k) => `${c} ${s.gold?.classCounts[k]}`).join(', ')}; R_g ${fmt(s.gold.imbalanceRatio, 3)}`,
      `worker accuracy: mean ${fmt(s.gold.meanWorkerAccuracy)}, sd ${fmt(s.gold.sdWorkerAccuracy)}; pooled label accuracy ${fmt(s.gold.labelAccuracy)}`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

/** A small text histogram of counts in up to 8 bins. */
function histogram(values: Int32Array): string[] {
  if (values.length === 0) return [];
  // a loop, not Math.max(...values): spreading a million counts overflows the stack
  const max = values.reduce((m, v) => (v > m ? v : m), 0);
  // at most 8 bins of equal width, and none past the largest value
  const width = Math.ceil((max + 1) / 8);
  const bins = Math.ceil((max + 1) / width);
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor(v / width))]!++;
  const top = Math.max(...counts);
  return counts.map((c, b) => {
    const lo = b * width;
    const hi = b === bins - 1 ? max : lo + width - 1;
    const label = lo === hi ? `${lo}` : `${lo}-${hi}`;
    return `  ${label.padStart(9)} ${'#'.repeat(Math.round((30 * c) / Math.max(1, top)))} ${c}`;
  });
}
