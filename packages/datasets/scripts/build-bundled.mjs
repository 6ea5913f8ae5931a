// Converts the real datasets in ../shared/datasets into the compact form this
// package ships (data/<name>.json.gz, data/<name>.features.f32.gz, data/index.json).
// It uses the package's own readers, so build first:
//
//   pnpm --filter @crowdlearn/datasets build
//   node packages/datasets/scripts/build-bundled.mjs [path/to/shared/datasets]
//
// Each dataset's source, license and citation come from its SOURCE.md.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CrowdLabels, Features, GoldLabels, IdMap } from '@crowdlearn/core-matrix';
import {
  encodeDataset,
  npyToFeatures,
  parseDelimited,
  readLongGold,
  readLongLabels,
  readNpy,
  readRodriguesMatrix,
} from '../dist/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const shared = process.argv[2] ?? join(here, '../../../../shared/datasets');
const out = join(here, '../data');
mkdirSync(out, { recursive: true });
const read = (...p) => readFileSync(join(shared, ...p), 'utf8');
const readBytes = (...p) => new Uint8Array(readFileSync(join(shared, ...p)));
const lines = (text) => text.split(/\r\n|\r|\n/).filter((l) => l.length > 0);

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
  const { splits, ...rest } = extra;
  return {
    name,
    ...rest,
    items: labels.numItems,
    workers: labels.numWorkers,
    labels: labels.numLabels,
    classes: labels.numClasses,
    featureDim: features?.numCols ?? 0,
    splits: { train: labels.numItems, ...splits },
    goldItems: gold?.size ?? 0,
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


// LabelMe (Rodrigues & Pereira 2018): answers matrix, 512-d VGG16 average-pooled features, valid and test splits.
{
  const dir = 'labelme-rodrigues-vggavg';
  const classNames = ['highway', 'insidecity', 'tallbuilding', 'street', 'forest', 'coast', 'mountain', 'opencountry'];
  const features = (split) => npyToFeatures(readNpy(readBytes(dir, `LabelMe_VGG_avg_${split}.npy`), `LabelMe_VGG_avg_${split}.npy`), `LabelMe_VGG_avg_${split}.npy`, Array.from({ length: 512 }, (_, j) => `vgg${j}`));
  const goldOf = (split) => lines(read(dir, `LabelMe_Z_${split}.txt`)).map(Number);
  const { labels, gold } = readRodriguesMatrix(read(dir, 'answers.txt'), {
    gold: read(dir, 'LabelMe_Z_train.txt'),
    features: features('train'),
    classNames,
    source: 'labelme/answers.txt',
  });
  const split = (name) => {
    const y = goldOf(name);
    return { items: y.map((_, i) => `${name}-${i}`), features: features(name), gold: GoldLabels.fromArray(y, 8) };
  };
  const valid = split('valid');
  const test = split('test');
  datasets.push({
    meta: meta('labelme', labels, gold, features('train'), {
      description: 'LabelMe scenes (Rodrigues & Pereira 2018): 1000 crowd-labelled images of 8 scene classes, 512-d VGG16 average-pooled features, 500 validation and 1188 test images.',
      task: 'Which of 8 scene classes is this image?',
      splits: { valid: 500, test: 1188 },
      duplicates: { policy: 'none', dropped: 0 },
      source: 'fmenat/PyLearningCrowds @ 0edf617d0357a43b48dc53f10f4181ec0163d4db, data/LabelMe/{answers.txt,LabelMe_VGG_avg_*.npy,LabelMe_Z_*.txt}',
      license: 'GPL-3.0 (repository README); LabelMe images and AMT labels released by F. Rodrigues without an explicit data license',
      citation: 'F. Rodrigues, F. C. Pereira. Deep learning from crowds. AAAI 2018. B. C. Russell, A. Torralba, K. P. Murphy, W. T. Freeman. LabelMe: a database and web-based tool for image annotation. IJCV 2008.',
      notes: 'The features are the 512-d average-pooled VGG16 variant, not the 4x4x512 conv features the papers use (specs/README §5). Workers are the 59 answer-matrix columns (ids 0..58).',
    }),
    labels,
    gold,
    features: features('train'),
    valid,
    test,
  });
}

// Sentiment polarity (Rodrigues et al. 2013): answers matrix, sentence text, 3999 test sentences.
{
  const dir = 'sentiment-polarity-mturk';
  const { labels, gold } = readRodriguesMatrix(read(dir, 'answers.txt'), {
    gold: read(dir, 'Sentiment_Z_train.txt'),
    classNames: ['negative', 'positive'],
    source: 'sentiment/answers.txt',
  });
  const texts = read(dir, 'Sentiment_text_train.txt').split(/\r?\n/).slice(0, labels.numItems);
  const testGold = lines(read(dir, 'Sentiment_Z_test.txt')).map(Number);
  const testTexts = read(dir, 'Sentiment_text_test.txt').split(/\r?\n/).slice(0, testGold.length);
  if (texts.length !== labels.numItems || testTexts.length !== testGold.length) throw new Error('sentiment: text rows do not line up');
  datasets.push({
    meta: meta('sentiment', labels, gold, undefined, {
      description: 'Sentence polarity (MTurk; Rodrigues et al. 2013): movie-review sentences labelled positive or negative; text kept, no numeric features.',
      task: 'Is the sentiment of this sentence positive or negative?',
      splits: { test: testGold.length },
      duplicates: { policy: 'none', dropped: 0 },
      source: 'fmenat/PyLearningCrowds @ 0edf617d0357a43b48dc53f10f4181ec0163d4db, data/Sentiment/{answers.txt,Sentiment_Z_*.txt,Sentiment_text_*.txt}',
      license: 'GPL-3.0 (repository README); sentences from Pang & Lee sentence polarity v1.0, no explicit data license',
      citation: 'F. Rodrigues, F. Pereira, B. Ribeiro. Learning from multiple annotators: distinguishing good from random labelers. Pattern Recognition Letters 34(12), 2013. B. Pang, L. Lee. Seeing stars. ACL 2005.',
      notes: 'Features must be computed from `texts` (e.g. TF-IDF); the original LSA features are not available.',
    }),
    labels,
    gold,
    texts,
    test: { items: testGold.map((_, i) => `test-${i}`), texts: testTexts, gold: GoldLabels.fromArray(testGold, 2) },
  });
}

// Snow et al. 2008: rte (with premise and hypothesis text), temp, wsd.
const SNOW = {
  source: 'edwinrobots/bayesian_combination_tutorial2 @ f98448e2e9a941463aa92f418eefd1f43bd5a637, all_collected_data/',
  license: 'MIT (repository); the data is the Snow et al. release without an explicit license',
  citation: 'R. Snow, B. O\'Connor, D. Jurafsky, A. Y. Ng. Cheap and fast - but is it good? Evaluating non-expert annotations for natural language tasks. EMNLP 2008.',
};
for (const [name, classes, description, task] of [
  ['rte', ['0', '1'], 'Recognising textual entailment (RTE-1 pairs) judged by AMT workers; premise and hypothesis text kept.', 'Does the text entail the hypothesis (1) or not (0)?'],
  ['temp', ['1', '2'], 'Temporal ordering of event pairs (TempEval) judged by AMT workers.', 'Does the first event happen before (1) or after (2) the second?'],
  ['wsd', ['1', '2', '3'], 'Word sense disambiguation of "president" (SemEval) by AMT workers.', 'Which of three senses does the word have?'],
]) {
  const file = `${name}.standardized.tsv`;
  const { labels, gold } = readLongLabels(read('snow2008-nlp', 'all_collected_data', file), {
    delimiter: '\t',
    columns: { worker: '!amt_worker_ids', item: 'orig_id', label: 'response', gold: 'gold' },
    classes,
    source: file,
  });
  const record = {
    meta: meta(name, labels, gold, undefined, {
      description,
      task,
      duplicates: { policy: 'none', dropped: 0 },
      source: SNOW.source + file + (name === 'rte' ? ' and orig_texts/rte1.tsv (text)' : ''),
      license: SNOW.license,
      citation: SNOW.citation + (name === 'rte' ? ' I. Dagan, O. Glickman, B. Magnini. The PASCAL recognising textual entailment challenge. 2005.' : ''),
      ...(name === 'rte' ? { notes: 'Each text is the premise and the hypothesis separated by a newline.' } : {}),
    }),
    labels,
    gold,
  };
  if (name === 'rte') {
    const pairs = new Map(parseDelimited(read('snow2008-nlp', 'orig_texts', 'rte1.tsv'), '\t').slice(1).map(({ fields }) => [fields[0], `${fields[3]}\n${fields[4]}`]));
    record.texts = Array.from({ length: labels.numItems }, (_, i) => {
      const t = pairs.get(String(labels.items.idOf(i)));
      if (t === undefined) throw new Error(`rte: no text for ${labels.items.idOf(i)}`);
      return t;
    });
  }
  datasets.push(record);
}

// Get-Another-Label sets: tab-separated worker item label; gold item label (only some items).
for (const [name, folder, goldFile, classesFile, description, task, citation] of [
  ['adult-content-2', 'AdultContent2', 'gold.txt', 'categories.txt', 'AdultContent2: websites rated for adult content by MTurk workers.', 'Rate the website: G (general), P (parental guidance), R (restricted), X (porn), B (blocked, listed but unused).', 'P. G. Ipeirotis, F. Provost, J. Wang. Quality management on Amazon Mechanical Turk. HCOMP 2010.'],
  ['hitspam-crowdflower', 'HITspam-UsingCrowdflower', 'gold.txt', 'categories-no-priors.txt', 'HIT spam (CrowdFlower): MTurk HITs judged as spam or not.', 'Is this HIT spam (Yes) or not (No)?', 'P. G. Ipeirotis, F. Provost, J. Wang. Quality management on Amazon Mechanical Turk. HCOMP 2010.'],
  ['copyright', 'CopyrightInfringement', 'gold.txt', 'categories.txt', 'Copyright infringement: websites judged for infringing content.', 'Does the site infringe copyright (yes / no), or is it broken?', 'P. G. Ipeirotis et al., Get-Another-Label datasets (ipeirotis/Get-Another-Label). Benchmark use: A. Sheshadri, M. Lease. SQUARE. HCOMP 2013.'],
]) {
  const dir = ['get-another-label', folder];
  const classes = lines(read(...dir, classesFile)).map((l) => l.split(/\s+/)[0]);
  const text = read(...dir, 'labels.txt');
  const dropped = countDuplicates(parseDelimited(text, '\t'), 1, 0);
  const { labels } = readLongLabels(text, {
    header: false,
    delimiter: '\t',
    columns: { worker: 0, item: 1, label: 2 },
    classes,
    duplicatePolicy: 'keepFirst',
    source: `${folder}/labels.txt`,
  });
  const gold = readLongGold(read(...dir, goldFile), labels, { header: false, delimiter: '\t', unknownItems: 'ignore', source: `${folder}/${goldFile}` });
  datasets.push({
    meta: meta(name, labels, gold, undefined, {
      description,
      task,
      duplicates: { policy: dropped > 0 ? 'keepFirst' : 'none', dropped },
      source: GAL.source + `${folder}/{labels.txt,${goldFile},${classesFile}}`,
      license: GAL.license,
      citation,
      notes: `Gold exists for ${gold.size} items; gold rows for items without labels are ignored.`,
    }),
    labels,
    gold,
  });
}

// TREC 2011 crowdsourcing track (Vuurens et al.): this team's votes and the 7 other teams' votes;
// NIST's ternary gold (0 not, 1 partly, 2 highly relevant; -1 missing) binarised as relevant = gold >= 1.
{
  const dir = ['get-another-label', 'JeroenVuurens'];
  const votes = parseDelimited(read(...dir, 'votes'), 'whitespace').map(({ fields }) => `${fields[1]}\t${fields[2]}\t${fields[3]}`);
  const others = parseDelimited(read(...dir, 'otherparticipantsvotes'), 'whitespace').map(({ fields }) => `${fields[0]}\t${fields[1]}\t${fields[2]}`);
  const all = [...votes, ...others].join('\n');
  const dropped = countDuplicates(parseDelimited(all, '\t'), 0, 1);
  const { labels } = readLongLabels(all, { header: false, delimiter: '\t', columns: { item: 0, worker: 1, label: 2 }, classes: ['0', '1'], duplicatePolicy: 'keepFirst', source: 'JeroenVuurens/votes+otherparticipantsvotes' });
  const table = execFileSync('bzcat', [join(shared, ...dir, 'task1_unlabeled_g_truth_cons_public.txt.bz2')], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const pairs = [];
  for (const { fields } of parseDelimited(table, '\t').slice(1)) {
    const g = Number(fields[3]);
    if (g >= 0) pairs.push({ item: `${fields[1]}_${fields[2]}`, label: g >= 1 ? '1' : '0' });
  }
  const gold = GoldLabels.fromObservations(labels, pairs, { unknownItems: 'ignore', source: 'task1_unlabeled_g_truth_cons_public.txt' });
  datasets.push({
    meta: meta('trec2011', labels, gold, undefined, {
      description: 'TREC 2011 crowdsourcing track: query-document relevance judged by the workers of 8 participating teams.',
      task: 'Is the document relevant (1) to the query or not (0)?',
      duplicates: { policy: dropped > 0 ? 'keepFirst' : 'none', dropped },
      source: GAL.source + 'JeroenVuurens/{votes,otherparticipantsvotes,task1_unlabeled_g_truth_cons_public.txt.bz2}',
      license: GAL.license,
      citation: 'J. Vuurens, A. P. de Vries, C. Eickhoff. How much spam can you take? An analysis of crowdsourcing results to increase accuracy. SIGIR 2011 Workshop on Crowdsourcing for Information Retrieval.',
      notes: 'Gold is NIST\'s ternary judgement binarised: partly or highly relevant (1, 2) -> 1, not relevant (0) -> 0.',
    }),
    labels,
    gold,
  });
}

// CIFAR-10N (Wei et al. 2022): 3 labels per image; the pickled arrays are read by a Python helper (numpy).
{
  const csv = execFileSync('python3', [join(here, 'cifar10n-to-csv.py'), join(shared, 'cifar10n')], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const classNames = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
  const { labels: byIndex, gold: goldByIndex } = readLongLabels(csv, { classes: classNames.map((_, k) => String(k)), source: 'cifar10n.csv' });
  const labels = CrowdLabels.fromArrays(
    { item: byIndex.item, worker: byIndex.worker, label: byIndex.label },
    { itemIds: byIndex.items, workerIds: byIndex.workers, classIds: IdMap.fromIds(classNames) },
  );
  const gold = GoldLabels.fromPairs(labels.numItems, 10, goldByIndex.items, goldByIndex.labels);
  datasets.push({
    meta: meta('cifar10n', labels, gold, undefined, {
      description: 'CIFAR-10N: the 50,000 CIFAR-10 training images, each labelled by 3 of 747 MTurk workers.',
      task: 'Which of the 10 CIFAR-10 classes is this image?',
      duplicates: { policy: 'none', dropped: 0 },
      source: 'UCSC-REAL/cifar-10-100n @ 49df7d8a69e355470c77c1c2f2424916325a394b, data/CIFAR-10_human.pt and side_info_cifar10N.csv',
      license: 'CC BY-NC 4.0 (non-commercial use only)',
      citation: 'J. Wei, Z. Zhu, H. Cheng, T. Liu, G. Niu, Y. Liu. Learning with noisy labels revisited: a study using real-world human annotations. ICLR 2022.',
      notes: 'Item ids are image indices in the PyTorch CIFAR-10 training order; the images themselves are not included.',
    }),
    labels,
    gold,
  });
}

// Ducks (Welinder et al. 2010): 40 labels per image; binary gold derived from the species.
{
  const [, ...rows] = lines(read('ducks', 'labels.txt'));
  const { labels } = readLongLabels(rows.join('\n'), { header: false, delimiter: 'whitespace', columns: { item: 0, worker: 1, label: 2 }, classes: ['0', '1'], source: 'ducks/labels.txt' });
  const yaml = read('ducks', 'classes.yaml');
  const speciesOf = new Map([...yaml.slice(yaml.indexOf('{') + 1, yaml.indexOf('}')).matchAll(/(\d+):\s*(\d+)/g)].map((m) => [m[1], Number(m[2])]));
  const DUCKS = new Set([0, 2]); // Mallard, American Black Duck (classes.yaml species ids)
  const gold = GoldLabels.fromObservations(labels, [...speciesOf].map(([item, s]) => ({ item, label: DUCKS.has(s) ? '1' : '0' })), { source: 'ducks/classes.yaml' });
  datasets.push({
    meta: meta('ducks', labels, gold, undefined, {
      description: 'Ducks (Welinder et al. 2010): 240 bird images, 40 labels each, for "does it contain a duck?"',
      task: 'Does the image contain a duck (1) or not (0)?',
      duplicates: { policy: 'none', dropped: 0 },
      source: 'welinder/cubam @ fe5ba700f1adbb489c69af311558d64370d73d36, demo/ducks/{labels.txt,classes.yaml}',
      license: 'BSD (repository LICENSE.TXT)',
      citation: 'P. Welinder, S. Branson, S. Belongie, P. Perona. The multidimensional wisdom of crowds. NIPS 2010.',
      notes: 'Gold is derived from the species: Mallard and American Black Duck are ducks; Canada Goose, Red-necked Grebe and Non Bird are not.',
    }),
    labels,
    gold,
  });
}

// Duchenne smiles (WVSCM): many repeated (worker, image) rows, resolved by keeping the first.
{
  const text = read('wvscm-duchenne', 'workerResponses.txt');
  const dropped = countDuplicates(parseDelimited(text, '\t'), 1, 0);
  const { labels } = readLongLabels(text, { header: false, delimiter: '\t', columns: { worker: 0, item: 1, label: 2 }, classes: ['0', '1'], duplicatePolicy: 'keepFirst', source: 'workerResponses.txt' });
  const gold = readLongGold(read('wvscm-duchenne', 'groundTruth.txt'), labels, { header: false, delimiter: 'whitespace', unknownItems: 'ignore', source: 'groundTruth.txt' });
  datasets.push({
    meta: meta('duchenne', labels, gold, undefined, {
      description: 'Duchenne smiles (Whitehill et al. 2009, SQUARE\'s WVSCM): face images judged for a Duchenne (genuine) smile.',
      task: 'Is this smile a Duchenne smile (1) or not (0)?',
      duplicates: { policy: 'keepFirst', dropped },
      source: 'pmaglione/crowd-datasets @ 3efbceb525a13685355fd3d306b7ce1453302eb9, WVSCM/{workerResponses.txt,groundTruth.txt}',
      license: 'No license stated (research data of Whitehill et al.)',
      citation: 'J. Whitehill, P. Ruvolo, T. Wu, J. Bergsma, J. Movellan. Whose vote should count more. NIPS 2009. Packaging: A. Sheshadri, M. Lease. SQUARE. HCOMP 2013.',
      notes: `Workers saw some images several times; ${dropped} repeated (worker, image) rows are dropped, keeping each worker's first answer.`,
    }),
    labels,
    gold,
  });
}

// Div150Multi (MediaEval): two yes/no questions on the same Flickr images.
for (const q of ['1', '2']) {
  const dir = 'div150multi-mediaeval';
  const text = read(dir, `mediaEval1Q${q}_Responses.txt`);
  const dropped = countDuplicates(parseDelimited(text, 'whitespace'), 1, 0);
  const { labels } = readLongLabels(text, { header: false, delimiter: 'whitespace', columns: { worker: 0, item: 1, label: 2 }, classes: ['No', 'Yes'], duplicatePolicy: 'keepFirst', source: `mediaEval1Q${q}_Responses.txt` });
  const gold = readLongGold(read(dir, `mediaEval1Q${q}_Gold.txt`), labels, { header: false, delimiter: 'whitespace', unknownItems: 'ignore', source: `mediaEval1Q${q}_Gold.txt` });
  datasets.push({
    meta: meta(`div150-q${q}`, labels, gold, undefined, {
      description: `Div150Multi (MediaEval) question ${q}: yes/no judgements on Flickr images (the question is not documented by the source).`,
      task: 'A yes/no judgement per image.',
      duplicates: { policy: dropped > 0 ? 'keepFirst' : 'none', dropped },
      source: `pmaglione/crowd-datasets @ 3efbceb525a13685355fd3d306b7ce1453302eb9, Div150Multi/{responses,gold}/mediaEval1Q${q}_*.txt`,
      license: 'No license stated',
      citation: 'B. Ionescu, A. L. Ginsca, M. Zaharieva, B. Boteanu, M. Lupu, H. Muller. Div150Multi: a social image retrieval result diversification dataset with multi-topic queries. ACM MMSys 2016 (attribution unverified by the source).',
    }),
    labels,
    gold,
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
