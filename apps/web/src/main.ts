/**
 * The page: load a crowd (a file, with optional gold, or a bundled
 * dataset), run catalogue aggregators in the worker, show and download the
 * results. The page holds only what it shows; the labels live in the worker.
 */
import { parseSettings, formatSettings } from '@crowdlearn/core-matrix';
import { EngineClient } from './engine-client.js';
import type { CrowdSummary, PickedFile, ReadingOptions, RunSummary } from './protocol.js';
import { headText } from './read-input.js';
import { classesChart, confusionChart, perClassChart, scoresChart, workersChart } from './ui/charts.js';
import { DataTable } from './ui/data-table.js';
import { byId, h } from './ui/dom.js';
import { MethodsPanel, PAGE_METHODS } from './ui/methods-panel.js';
import { previewElement } from './ui/preview.js';
import './styles.css';

const engine = new EngineClient();
const panel = new MethodsPanel();
byId('methods').append(panel.element);

let labelsFile: { file: File; picked: PickedFile } | undefined;
let goldFile: PickedFile | undefined;
let reading: ReadingOptions = {};
let crowd: CrowdSummary | undefined;
const runs = new Map<string, RunSummary>();
let shown: string | undefined;
/** Methods shown whose full results the worker lost when Cancel restarted it (the page keeps only what it shows). */
const lostInWorker = new Set<string>();

/** An error for a result the restarted worker no longer holds. */
function requireInWorker(method: string): void {
  if (lostInWorker.has(method)) throw new Error(`Cancel restarted the worker, which held ${method}'s full results; run ${method} again to download them or see a worker's confusion matrix`);
}

const itemsTable = new DataTable('items');
const workersTable = new DataTable('workers', (w) => void guarded(() => showConfusion(w)));
byId('items-table').append(itemsTable.element);
byId('workers-table').append(workersTable.element);

function showError(message: string): void {
  const el = byId('error');
  el.textContent = message;
  el.hidden = false;
}

function clearError(): void {
  byId('error').hidden = true;
}

/** Runs `task`, showing its error in one line; what the page showed before stays. */
async function guarded(task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (err) {
    showError((err as Error).message);
  }
}

// ---- loading

async function pick(file: File): Promise<PickedFile> {
  return { name: file.name, bytes: await file.arrayBuffer() };
}

async function loadFiles(): Promise<void> {
  if (labelsFile === undefined) return;
  clearError();
  const head = await headText(labelsFile.file);
  byId('preview').replaceChildren(
    previewElement(labelsFile.file.name, head, reading, (next) => {
      reading = next;
      void guarded(loadFiles);
    }),
  );
  loaded(await engine.load({ type: 'load-files', labels: labelsFile.picked, ...(goldFile !== undefined ? { gold: goldFile } : {}), reading }));
}

function loaded(summary: CrowdSummary): void {
  crowd = summary;
  runs.clear();
  lostInWorker.clear();
  shown = undefined;
  byId('results-section').hidden = true;
  const line = byId('crowd-summary');
  line.textContent = `${summary.source}: ${summary.numItems} items, ${summary.numWorkers} workers, ${summary.numLabels} labels, ${summary.classes.length} classes${summary.goldItems > 0 ? `, ${summary.goldItems} gold items` : ''}; Krippendorff's alpha ${Number.isNaN(summary.krippendorffAlpha) ? 'none (no item has two labels)' : summary.krippendorffAlpha.toFixed(3)} (read in ${summary.readSeconds.toFixed(2)} s)`;
  line.dataset.readSeconds = String(summary.readSeconds);
  byId('warnings').replaceChildren(...summary.warnings.map((w) => h('li', {}, w)));
  // features belong to the crowd they were matched to
  byId('features-summary').textContent = '';
  byId<HTMLInputElement>('features-file').value = '';
  panel.setClasses(summary.classes.length);
  (byId('run-button') as HTMLButtonElement).disabled = false;
}

/** A new labels file starts afresh: its own column mapping, and no gold (a gold file belongs to the labels it was chosen with). */
async function newLabelsFile(file: File): Promise<void> {
  labelsFile = { file, picked: await pick(file) };
  reading = {};
  goldFile = undefined;
  byId<HTMLInputElement>('gold-file').value = '';
  await loadFiles();
}

byId<HTMLInputElement>('labels-file').addEventListener('change', (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (file === undefined) return;
  void guarded(async () => {
    await newLabelsFile(file);
  });
});

byId<HTMLInputElement>('features-file').addEventListener('change', (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (file === undefined) return;
  void guarded(async () => {
    clearError();
    if (crowd === undefined) throw new Error('no labels loaded; expected a labels file or a bundled dataset before the features');
    byId('features-summary').textContent = `${file.name}: loading TF.js…`;
    try {
      const f = await engine.loadFeatures({ type: 'load-features', features: await pick(file), baseUrl: document.baseURI });
      byId('features-summary').textContent = `${f.source}: ${f.numRows} items x ${f.numCols} features; the models below train on them (TF.js ${f.backend})`;
      panel.addModels(f.models);
    } catch (err) {
      byId('features-summary').textContent = '';
      byId<HTMLInputElement>('features-file').value = '';
      throw err;
    }
  });
});

byId<HTMLInputElement>('gold-file').addEventListener('change', (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  void guarded(async () => {
    goldFile = file !== undefined ? await pick(file) : undefined;
    await loadFiles();
  });
});

const drop = byId('drop-zone');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const file = e.dataTransfer?.files[0];
  if (file === undefined) return;
  void guarded(async () => {
    await newLabelsFile(file);
  });
});

const bundledSelect = byId<HTMLSelectElement>('bundled-select');
void guarded(async () => {
  const response = await fetch(new URL('datasets/index.json', document.baseURI));
  if (!response.ok) return;
  const index = (await response.json()) as { name: string; numItems?: number; numLabels?: number }[];
  bundledSelect.append(...index.map((d) => h('option', { value: d.name }, d.name)));
});
bundledSelect.addEventListener('change', () => {
  const name = bundledSelect.value;
  if (name === '') return;
  void guarded(async () => {
    clearError();
    labelsFile = undefined;
    byId('preview').replaceChildren();
    loaded(await engine.load({ type: 'load-bundled', name, baseUrl: document.baseURI }));
  });
});

// ---- running

const runButton = byId<HTMLButtonElement>('run-button');
const cancelButton = byId<HTMLButtonElement>('cancel-button');
const progress = byId('progress');

runButton.addEventListener('click', () => {
  void guarded(async () => {
    clearError();
    const seedText = byId<HTMLInputElement>('seed').value.trim();
    const seed = Number(seedText);
    if (seedText === '' || !Number.isSafeInteger(seed)) throw new Error(`bad seed; expected a whole number, found ${seedText}`);
    const chosen = panel.runs();
    if (chosen.length === 0) throw new Error('no method chosen; expected at least one checked method');
    runButton.disabled = true;
    cancelButton.disabled = false;
    const t0 = performance.now();
    let current = '';
    const timer = setInterval(() => (progress.textContent = `${current} ${((performance.now() - t0) / 1000).toFixed(1)} s`), 200);
    try {
      await engine.run(
        { type: 'run', runs: chosen, seed },
        {
          progress: (method, index, total, step) => (current = `running ${method} (${index + 1} of ${total})${step !== undefined ? `: ${step}` : ''}…`),
          result: (run) => {
            runs.set(run.method, run);
            lostInWorker.delete(run.method);
            showResults(run.method);
          },
        },
      );
      progress.textContent = `done in ${((performance.now() - t0) / 1000).toFixed(2)} s`;
    } catch (err) {
      if ((err as Error).message === 'cancelled') progress.textContent = 'cancelled';
      else throw err;
    } finally {
      clearInterval(timer);
      runButton.disabled = false;
      cancelButton.disabled = true;
    }
  });
});

cancelButton.addEventListener('click', () => {
  cancelButton.disabled = true;
  progress.textContent = 'cancelling…';
  for (const method of runs.keys()) lostInWorker.add(method);
  void guarded(() => engine.cancel());
});

// ---- results

function showResults(method: string): void {
  if (crowd === undefined) return;
  shown = method;
  byId('results-section').hidden = false;
  const all = [...runs.values()];
  const withGold = all.filter((r) => r.gold !== undefined);
  byId('comparison').replaceChildren(
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...['method', 'seconds', 'iterations', ...(withGold.length > 0 ? ['accuracy (%)', 'macro-F1'] : [])].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...all.map((r) =>
          h(
            'tr',
            { 'data-method': r.method },
            h('td', {}, r.method),
            h('td', { class: 'num', 'data-column': 'seconds', 'data-value': String(r.seconds) }, r.seconds.toFixed(3)),
            h('td', { class: 'num' }, r.iterations !== undefined ? String(r.iterations) : ''),
            ...(r.gold !== undefined ? [h('td', { class: 'num', 'data-column': 'accuracy', 'data-value': String(r.gold.accuracy) }, (100 * r.gold.accuracy).toFixed(2)), h('td', { class: 'num', 'data-column': 'macro-f1', 'data-value': String(r.gold.macroF1) }, r.gold.macroF1.toFixed(4))] : []),
          ),
        ),
      ),
    ),
  );
  byId('scores-chart').replaceChildren(...(withGold.length > 0 ? [scoresChart(withGold.map((r) => ({ method: r.method, accuracy: r.gold?.accuracy ?? 0, macroF1: r.gold?.macroF1 ?? 0 })))] : []));
  byId('result-tabs').replaceChildren(
    ...all.map((r) => {
      const b = h('button', { type: 'button', 'aria-pressed': r.method === method ? 'true' : 'false', 'data-method': r.method }, r.method);
      b.addEventListener('click', () => showResults(r.method));
      return b;
    }),
  );
  const run = runs.get(method) as RunSummary;
  byId('settings').textContent = run.settings;
  byId('settings-command').textContent = panel.needsFeatures(method) ? "crowdlearn train labels.csv --features features.csv --settings '…'" : "crowdlearn aggregate labels.csv --settings '…'";
  showItems(run);
  showWorkers(run);
  byId('confusion').replaceChildren();
  byId('classes-chart').replaceChildren(classesChart(crowd.classes, crowd.classCounts, run.classCounts));
  byId('per-class-chart').replaceChildren(...(withGold.length > 0 ? [perClassChart(crowd.classes, withGold.map((r) => ({ method: r.method, perClass: r.gold?.perClassAccuracy ?? [] })))] : []));
}

function showItems(run: RunSummary): void {
  const c = crowd as CrowdSummary;
  itemsTable.set(
    [
      { label: 'item', value: (i) => c.itemIds[i] as string },
      { label: 'label', value: (i) => c.classes[run.labels[i] as number] as string },
      { label: 'confidence', value: (i) => run.confidence[i] as number, digits: 4 },
      { label: 'labels', value: (i) => c.labelsPerItem[i] as number },
      { label: 'agreement', value: (i) => run.agreement[i] as number },
      { label: 'crowd disagrees', value: (i) => (run.disagrees[i] === 1 ? 'yes' : '') },
    ],
    c.numItems,
  );
  applyItemFilter();
}

function applyItemFilter(): void {
  const run = shown !== undefined ? runs.get(shown) : undefined;
  if (run === undefined) return;
  const low = byId<HTMLInputElement>('filter-low').checked;
  const disagree = byId<HTMLInputElement>('filter-disagree').checked;
  const threshold = Number(byId<HTMLInputElement>('low-threshold').value);
  itemsTable.setFilter(low || disagree ? (i) => (!low || (run.confidence[i] as number) < threshold) && (!disagree || run.disagrees[i] === 1) : undefined);
}
for (const id of ['filter-low', 'filter-disagree', 'low-threshold']) byId(id).addEventListener('change', applyItemFilter);

function showWorkers(run: RunSummary): void {
  const { columns, rows } = run.workers;
  workersTable.set(
    columns.map((label, k) => ({ label, value: (w: number) => (rows[w] as (string | number)[])[k] as string | number })),
    rows.length,
  );
  // the method's quality estimate where it has one (the fourth column), else agreement with the inferred labels
  const quality = ['accuracy', 'skill', 'ability', 'competence'].includes(columns[3] ?? '') ? 3 : 2;
  byId('workers-chart').replaceChildren(
    workersChart(
      rows.map((r) => ({ worker: String(r[0]), labels: r[1] as number, quality: r[quality] as number })),
      columns[quality] as string,
    ),
  );
}

async function showConfusion(worker: number): Promise<void> {
  if (shown === undefined || crowd === undefined) return;
  requireInWorker(shown);
  const run = runs.get(shown) as RunSummary;
  const name = String(run.workers.rows[worker]?.[0]);
  const { matrix, from } = await engine.confusion(shown, worker);
  byId('confusion').replaceChildren(confusionChart(matrix, crowd.classes, from === 'model' ? `${name}: ${shown}'s confusion matrix` : `${name}: labels given against ${shown}'s inferred labels`));
}

// ---- taking results away

async function download(table: 'labels' | 'workers'): Promise<void> {
  if (shown === undefined) return;
  requireInWorker(shown);
  const file = await engine.download(shown, table);
  const url = URL.createObjectURL(new Blob([file.text], { type: 'text/csv' }));
  const a = h('a', { href: url, download: file.name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
byId('download-labels').addEventListener('click', () => void guarded(() => download('labels')));
byId('download-workers').addEventListener('click', () => void guarded(() => download('workers')));

byId('copy-link').addEventListener('click', () => {
  const run = shown !== undefined ? runs.get(shown) : undefined;
  if (run === undefined) return;
  history.replaceState(null, '', `#${run.settings}`);
  void navigator.clipboard?.writeText(location.href).catch(() => undefined);
});

// a shared link: #method=ds&seed=0&... chooses the method, its options and the seed
if (location.hash.length > 1) {
  try {
    const settings = parseSettings(location.hash.slice(1), PAGE_METHODS, 'the link');
    panel.apply(settings);
    byId<HTMLInputElement>('seed').value = String(settings.seed);
    progress.textContent = `settings from the link: ${formatSettings(settings)}`;
  } catch (err) {
    showError((err as Error).message);
  }
}
