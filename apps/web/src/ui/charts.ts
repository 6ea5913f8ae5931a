/**
 * The page's charts, drawn with Observable Plot: each takes plain rows and
 * returns an element (Plot's SVG, or a figure with a legend).
 */
import * as Plot from '@observablehq/plot';

const FONT = { fontFamily: 'system-ui, sans-serif', fontSize: '12px' };

/** Accuracy and macro-F1 per method (in %), side by side. */
export function scoresChart(rows: { method: string; accuracy: number; macroF1: number }[]): Element {
  const data = rows.flatMap((r) => [
    { method: r.method, metric: 'accuracy', value: 100 * r.accuracy },
    { method: r.method, metric: 'macro-F1', value: 100 * r.macroF1 },
  ]);
  return Plot.plot({
    style: FONT,
    marginLeft: 110,
    width: 640,
    height: 40 + 44 * rows.length,
    x: { domain: [0, 100], label: 'score on the gold items (%) →', grid: true },
    y: { label: null, axis: null },
    fy: { label: null, domain: rows.map((r) => r.method) },
    color: { legend: true, domain: ['accuracy', 'macro-F1'], range: ['#4269d0', '#efb118'] },
    marks: [
      Plot.barX(data, { x: 'value', y: 'metric', fy: 'method', fill: 'metric' }),
      Plot.text(data, { x: 'value', y: 'metric', fy: 'method', text: (d: { value: number }) => d.value.toFixed(2), textAnchor: 'start', dx: 4 }),
      Plot.ruleX([0]),
    ],
  });
}

/** One dot per worker: labels given (x, log scale when they spread) against the estimated skill (y). */
export function workersChart(rows: { worker: string; labels: number; quality: number }[], qualityName: string): Element {
  const counts = rows.map((r) => r.labels);
  const spread = Math.max(...counts.slice(0, 100_000), 1) / Math.max(1, Math.min(...counts.slice(0, 100_000)));
  return Plot.plot({
    style: FONT,
    width: 640,
    height: 320,
    x: { type: spread > 50 ? 'log' : 'linear', label: 'labels given →', grid: true },
    y: { label: `↑ ${qualityName}`, grid: true },
    marks: [Plot.dot(rows, { x: 'labels', y: 'quality', fill: '#4269d0', fillOpacity: 0.6, r: 3, tip: true, title: (d: { worker: string; labels: number; quality: number }) => `${d.worker}\n${d.labels} labels\n${qualityName} ${d.quality.toFixed(3)}` })],
  });
}

/** A K x K confusion matrix (rows: true class, columns: given label) as a heat map with its values. */
export function confusionChart(matrix: Float64Array, classes: string[], title: string): Element {
  const data = classes.flatMap((t, a) => classes.map((g, b) => ({ truth: t, given: g, p: matrix[a * classes.length + b] as number })));
  const size = Math.min(56, Math.max(22, 420 / classes.length));
  return Plot.plot({
    style: FONT,
    title,
    marginLeft: 90,
    marginBottom: 70,
    width: 90 + size * classes.length + 20,
    height: 70 + size * classes.length + 30,
    x: { label: 'label given →', domain: classes, tickRotate: -35 },
    y: { label: '↑ class (inferred or modelled)', domain: classes },
    color: { type: 'linear', domain: [0, 1], scheme: 'blues', legend: true, label: 'share of the row' },
    marks: [Plot.cell(data, { x: 'given', y: 'truth', fill: 'p', inset: 0.5 }), Plot.text(data, { x: 'given', y: 'truth', text: (d: { p: number }) => d.p.toFixed(2), fill: (d: { p: number }) => (d.p > 0.6 ? 'white' : 'black') })],
  });
}

/** The share of each class among the crowd's labels and among the inferred labels. */
export function classesChart(classes: string[], crowd: Float64Array, inferred: Float64Array | undefined): Element {
  const share = (counts: Float64Array) => {
    const total = counts.reduce((s, x) => s + x, 0) || 1;
    return (k: number) => (100 * (counts[k] as number)) / total;
  };
  const ofCrowd = share(crowd);
  const ofInferred = inferred !== undefined ? share(inferred) : undefined;
  const data = classes.flatMap((c, k) => [
    { class: c, source: 'crowd labels', share: ofCrowd(k) },
    ...(ofInferred !== undefined ? [{ class: c, source: 'inferred labels', share: ofInferred(k) }] : []),
  ]);
  return Plot.plot({
    style: FONT,
    width: Math.min(960, 120 + 60 * classes.length),
    height: 280,
    marginBottom: 60,
    fx: { label: null, domain: classes, tickRotate: classes.length > 8 ? -35 : 0 },
    x: { axis: null, domain: ['crowd labels', 'inferred labels'] },
    y: { label: '↑ share (%)', grid: true },
    color: { legend: true, domain: ['crowd labels', 'inferred labels'], range: ['#a0a0a0', '#4269d0'] },
    marks: [Plot.barY(data, { fx: 'class', x: 'source', y: 'share', fill: 'source', tip: true }), Plot.ruleY([0])],
  });
}

/** Per-class accuracy on the gold items, class by method, as a heat map with its values. */
export function perClassChart(classes: string[], methods: { method: string; perClass: number[] }[]): Element {
  const data = methods.flatMap((m) => classes.map((c, k) => ({ method: m.method, class: c, accuracy: 100 * (m.perClass[k] as number) })));
  return Plot.plot({
    style: FONT,
    marginLeft: 110,
    marginBottom: 60,
    width: Math.min(960, 110 + 64 * classes.length),
    height: 70 + 30 * methods.length,
    x: { label: 'gold class →', domain: classes, tickRotate: classes.length > 8 ? -35 : 0 },
    y: { label: null, domain: methods.map((m) => m.method) },
    color: { type: 'linear', domain: [0, 100], scheme: 'greens', legend: true, label: 'accuracy on the class (%)' },
    marks: [Plot.cell(data, { x: 'class', y: 'method', fill: 'accuracy', inset: 0.5 }), Plot.text(data, { x: 'class', y: 'method', text: (d: { accuracy: number }) => d.accuracy.toFixed(1), fill: (d: { accuracy: number }) => (d.accuracy > 60 ? 'white' : 'black') })],
  });
}
