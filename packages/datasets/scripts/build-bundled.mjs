// Converts the real datasets in ../shared/datasets into the compact form this
// package ships (data/<name>.json.gz, data/<name>.features.f32.gz, data/index.json).
// It uses the package's own readers, so build first:
//
//   pnpm --filter @crowdlearn/datasets build
//   node packages/datasets/scripts/build-bundled.mjs [path/to/shared/datasets]
//
// Each dataset's source, license and citation come from its SOURCE.md.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CrowdLabels, Features, GoldLabels, IdMap } from '@crowdlearn/core-matrix';
import { encodeDataset, parseDelimited, readLongGold, readLongLabels } from '../dist/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const shared = process.argv[2] ?? join(here, '../../../../shared/datasets');
const out = join(here, '../data');
mkdirSync(out, { recursive: true });
const read = (...p) => readFileSync(join(shared, ...p), 'utf8');

const ACT = {
  source: 'orchidproject/active-crowd-toolkit @ 2c0c194e85ca126545bd830d811ec39151bdd448, Data/',
  license: 'Apache-2.0',
};
const GAL = {
  source: 'ipeirotis/Get-Another-Label @ 9fe6c56a7a157dba1a12018f696bad56806125b7, data/',
  license: 'Apache-2.0',
};
const LEAVES = {
  source: 'Trustworthy-Artificial-Intelligence/CrowdKit @ b8747f7c61d8d3d558c96514dd5ac6236c0b112b, src/Learn/GraphNN/Data/real-world/leaves/processed/',
  license: 'GPL-3.0 (repository license; no separate data license)',
  citation: 'J. Zhang, V. S. Sheng, B. A. Nicholson, X. Wu. CEKA: a tool for mining the wisdom of crowds. JMLR 16, 2015.',
};

/** Counts repeated (item, worker) rows of a long-format text. */
function countDuplicates(rows, itemCol, workerCol) {
  const seen = new Set();
  let dup = 0;
  for (const { fields } of rows) {
    const key = `${fields[itemCol]}\u0000${fields[workerCol]}`;
    if (seen.has(key)) dup++;
    else seen.add(key);
  }
  return dup;
}

function meta(name, labels, gold, features, extra) {
  return {
    name,
    items: labels.numItems,
    workers: labels.numWorkers,
    labels: labels.numLabels,
    classes: labels.numClasses,
    featureDim: features?.numCols ?? 0,
    splits: { train: labels.numItems, ...extra.splits },
    goldItems: gold?.size ?? 0,
    ...extra,
  };
}

/** active-crowd-toolkit files: headerless worker,item,label,gold[,seconds]. */
function activeCrowd(name, file, description, task, classes, citation) {
  const text = read('active-crowd-toolkit', file);
  const dropped = countDuplicates(parseDelimited(text, ','), 1, 0);
  const { labels, gold } = readLongLabels(text, {
    header: false,
    columns: { worker: 0, item: 1, label: 2, gold: 3 },
    classes,
    duplicatePolicy: 'keepFirst',
    source: file,
  });
  return {
    meta: meta(name, labels, gold, undefined, {
      description,
      task,
      duplicates: { policy: dropped > 0 ? 'keepFirst' : 'none', dropped },
      source: ACT.source + file,
      license: ACT.license,
      citation,
    }),
    labels,
    gold,
  };
}

const datasets = [];

datasets.push(
  activeCrowd(
    'weather-cf',
    'CF.csv',
    'CrowdFlower weather sentiment: tweets about the weather labelled by sentiment.',
    'Classify the sentiment of a tweet about the weather: 0 negative, 1 neutral, 2 positive, 3 not related to weather, 4 cannot tell.',
    ['0', '1', '2', '3', '4'],
    'M. Venanzi, J. Guiver, G. Kazai, P. Kohli, M. Shokouhi. Community-based Bayesian aggregation models for crowdsourcing. WWW 2014.',
  ),
  activeCrowd(
    'weather-amt',
    'CF_amt.csv',
    'Weather sentiment relabelled on Amazon Mechanical Turk.',
    'Classify the sentiment of a tweet about the weather: 0 negative, 1 neutral, 2 positive, 3 not related to weather, 4 cannot tell.',
    ['0', '1', '2', '3', '4'],
    'M. Venanzi, J. Guiver, P. Kohli, N. R. Jennings. Time-sensitive Bayesian information aggregation for crowdsourcing systems. JAIR 56, 2016.',
  ),
  activeCrowd(
    'sentiment-popularity',
    'SP_amt.csv',
    'Sentiment popularity (AMT): sentences judged positive or negative.',
    'Is the sentiment of the sentence positive (1) or negative (0)?',
    ['0', '1'],
    'M. Venanzi, J. Guiver, P. Kohli, N. R. Jennings. Time-sensitive Bayesian information aggregation for crowdsourcing systems. JAIR 56, 2016.',
  ),
);

// Music: the crowd labels of MS.csv (classes 1..10, the numbering crowd-kit's
// reference accuracies were measured with) named by genre, with the 124
// Marsyas features of music_genre_gold.csv and the 300-song test split.
{
  const text = read('active-crowd-toolkit', 'MS.csv');
  const numbers = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
  const { labels: byNumber, gold: goldByNumber } = readLongLabels(text, {
    header: false,
    columns: { worker: 0, item: 1, label: 2, gold: 3 },
    classes: numbers,
    source: 'MS.csv',
  });
  const genreOf = new Map();
  for (const { fields } of parseDelimited(text, ',')) genreOf.set(fields[3], fields[1].split('.')[0]);
  const genres = numbers.map((n) => genreOf.get(n));
  const labels = CrowdLabels.fromArrays(
    { item: byNumber.item, worker: byNumber.worker, label: byNumber.label },
    { itemIds: byNumber.items, workerIds: byNumber.workers, classIds: IdMap.fromIds(genres) },
  );
  const gold = GoldLabels.fromPairs(labels.numItems, 10, goldByNumber.items, goldByNumber.labels);
  const featureTable = (file) => {
    const rows = parseDelimited(read('music-genre-mturk', file), ',', file);
    const header = rows[0].fields;
    const d = header.length - 2;
    return { header: header.slice(1, 1 + d), rows: rows.slice(1).map((r) => ({ id: r.fields[0], x: r.fields.slice(1, 1 + d).map(Number), y: r.fields[1 + d], line: r.line })) };
  };
  const train = featureTable('music_genre_gold.csv');
  const byId = new Map(train.rows.map((r) => [r.id, r]));
  const d = train.header.length;
  const x = new Float32Array(labels.numItems * d);
  for (let i = 0; i < labels.numItems; i++) {
    const row = byId.get(labels.items.idOf(i));
    if (!row) throw new Error(`music: no features for ${labels.items.idOf(i)}`);
    if (row.y !== genres[gold.get(i)]) throw new Error(`music: gold mismatch for ${row.id}`);
    x.set(row.x, i * d);
  }
  const test = featureTable('music_genre_test.csv');
  const classIndex = new Map(genres.map((g, k) => [g, k]));
  const features = new Features(x, labels.numItems, d, train.header);
  const testSplit = {
    items: test.rows.map((r) => r.id),
    features: new Features(Float32Array.from(test.rows.flatMap((r) => r.x)), test.rows.length, d, train.header),
    gold: GoldLabels.fromArray(test.rows.map((r) => classIndex.get(r.y)), 10),
  };
  datasets.push({
    meta: meta('music', labels, gold, features, {
      description: 'Music genre (MTurk): 30-second GTZAN clips labelled by genre, with 124 Marsyas audio features.',
      task: 'Which of 10 genres is this song?',
      splits: { test: test.rows.length },
      duplicates: { policy: 'none', dropped: 0 },
      source: 'orchidproject/active-crowd-toolkit Data/MS.csv (labels, class numbering); shahanaibrahimosu/end-to-end-crowdsourcing @ 7653680c475ba8faa5d4a7b104b42a2a5204cef9 data/Music/music_genre_{gold,test}.csv (features)',
      license: 'No license stated by the source (research data of Rodrigues et al.; audio from GTZAN)',
      citation: 'F. Rodrigues, F. Pereira, B. Ribeiro. Gaussian process classification and active learning with multiple annotators. ICML 2014.',
      notes: 'Class k is MS.csv label k+1: ' + genres.map((g, k) => `${k + 1}=${g}`).join(', ') + '.',
    }),
    labels,
    gold,
    features,
    test: testSplit,
  });
}

// BarzanMozafari (GAL): tab-separated worker item label; evaluation.txt is the full gold.
{
  const text = read('get-another-label', 'BarzanMozafari', 'labels.txt');
  const { labels } = readLongLabels(text, {
    header: false,
    delimiter: '\t',
    columns: { worker: 0, item: 1, label: 2 },
    classes: ['0', '1'],
    source: 'BarzanMozafari/labels.txt',
  });
  const gold = readLongGold(read('get-another-label', 'BarzanMozafari', 'evaluation.txt'), labels, {
    header: false,
    delimiter: '\t',
    source: 'BarzanMozafari/evaluation.txt',
  });
  datasets.push({
    meta: meta('barzan-mozafari', labels, gold, undefined, {
      description: 'BarzanMozafari ("BM" in SQUARE): binary tweet judgements, 5 labels per item.',
      task: 'A binary judgement per item (classes 0 and 1).',
      duplicates: { policy: 'none', dropped: 0 },
      source: GAL.source + 'BarzanMozafari/{labels,evaluation}.txt',
      license: GAL.license,
      citation: 'B. Mozafari, P. Sarkar, M. Franklin, M. Jordan, S. Madden. Scaling up crowd-sourcing to very large datasets: a case for active learning. PVLDB 8(2), 2014.',
    }),
    labels,
    gold,
  });
}

// Leaves (CEKA): .resp (worker item label), .gold (item label), .fea (item, 64 features, label).
for (const task of ['alder', 'eucalyptus', 'maple', 'oak']) {
  const dir = ['leaves-ceka', 'processed'];
  const { labels } = readLongLabels(read(...dir, `${task}.resp`), {
    header: false,
    delimiter: 'whitespace',
    columns: { worker: 0, item: 1, label: 2 },
    classes: ['0', '1'],
    source: `${task}.resp`,
  });
  const gold = readLongGold(read(...dir, `${task}.gold`), labels, { header: false, delimiter: 'whitespace', source: `${task}.gold` });
  const rows = parseDelimited(read(...dir, `${task}.fea`), ',', `${task}.fea`);
  const d = rows[0].fields.length - 2;
  const byId = new Map(rows.map((r) => [r.fields[0], r.fields.slice(1, 1 + d).map(Number)]));
  const x = new Float32Array(labels.numItems * d);
  for (let i = 0; i < labels.numItems; i++) x.set(byId.get(String(labels.items.idOf(i))), i * d);
  const features = new Features(x, labels.numItems, d, Array.from({ length: d }, (_, j) => `FTR${j}`));
  datasets.push({
    meta: meta(`leaves-${task}`, labels, gold, features, {
      description: `Leaves (CEKA), one-vs-rest task "${task}": is the leaf of this species? 64 numeric shape/texture features.`,
      task: `Is this leaf ${task} (1) or not (0)?`,
      duplicates: { policy: 'none', dropped: 0 },
      source: LEAVES.source + `${task}.{resp,gold,fea}`,
      license: LEAVES.license,
      citation: LEAVES.citation,
    }),
    labels,
    gold,
    features,
  });
}

const index = [];
for (const d of datasets) {
  const files = encodeDataset(d);
  writeFileSync(join(out, `${d.meta.name}.json.gz`), files.json);
  if (files.features) writeFileSync(join(out, `${d.meta.name}.features.f32.gz`), files.features);
  index.push(d.meta);
  console.log(`${d.meta.name.padEnd(22)} items ${String(d.meta.items).padStart(6)} workers ${String(d.meta.workers).padStart(5)} labels ${String(d.meta.labels).padStart(7)} classes ${d.meta.classes} d ${d.meta.featureDim}`);
}
writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 2) + '\n');
