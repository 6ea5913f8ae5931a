import { accuracy, standardize, type CrowdLabels, type GoldLabels } from '@crowdlearn/core-matrix';
import { initBackend } from '@crowdlearn/neural';
import {
  classDisjointTask,
  crowdMktRepresentation,
  crowdTruRepresentation,
  inferWithExpertise,
  labelledPool,
  metaRepresentation,
  simulateMetaCrowd,
  type ExpertiseEmOptions,
  type MetaRepresentation,
  type MetaTask,
} from '@crowdlearn/crowdmeta';
import { runComparison, type RunOutcome } from '../engine/compare.js';
import type { SuiteResult } from '../engine/results.js';
import { checkNames, datasetLoader } from './names.js';
import type { SuiteOptions } from './options.js';
import { aggregateByName } from './aggregate-by-name.js';

const DATASETS = ['music', 'labelme'];
const AGGREGATORS = ['mv', 'one-coin-ds', 'glad'];
/** CrowdMeta and the same EM on other representations or settings. */
/** The code's EM for CrowdMKT (hard, at most 50 rounds, tolerance 0.1), also used for CrowdTrU. */
const TRANSFER_EM: ExpertiseEmOptions = { em: 'hard', maxIterations: 50, tol: 0.1 };
const EM_METHODS: Record<string, { repr: 'meta' | 'raw' | 'ones' | 'mkt' | 'tru'; em: ExpertiseEmOptions; sourcePerClass?: number }> = {
  crowdmeta: { repr: 'meta', em: {} },
  'crowdmeta-unbounded': { repr: 'meta', em: { bounded: false } },
  'crowdmeta-code': { repr: 'meta', em: { em: 'hard', sumOverAllWorkers: true } },
  'no-transfer': { repr: 'raw', em: {} },
  'worker-level': { repr: 'ones', em: {} },
  crowdmkt: { repr: 'mkt', em: TRANSFER_EM },
  crowdtru: { repr: 'tru', em: TRANSFER_EM },
  // the paper's Exp. 2: the transfer baselines get 60 source instances per class, CrowdMeta keeps 5
  'crowdmkt-60': { repr: 'mkt', em: TRANSFER_EM, sourcePerClass: 60 },
  'crowdtru-60': { repr: 'tru', em: TRANSFER_EM, sourcePerClass: 60 },
};
/** The suite's methods: the aggregators it compares and CrowdMeta's EM variants. */
export const CROWDMETA_SUITE_METHODS: string[] = [...AGGREGATORS, ...Object.keys(EM_METHODS)];
const ALL = CROWDMETA_SUITE_METHODS;
const QUICK_ITERS = 300;

interface Prepared {
  task: MetaTask;
  labels: CrowdLabels;
  gold: GoldLabels;
  representation?: MetaRepresentation;
}

/**
 * CrowdMeta's simulation (specs/crowdmeta.md §5) on the bundled Music and
 * LabelMe features: per seed a class-disjoint target task (5 classes; Music
 * 95 songs per genre, LabelMe 100 images per class), 5 source instances per
 * source class, 5 gold fine-tuning instances per target class, the paper's
 * 30 simulated workers with 3 labels per item. Truth-inference accuracy of
 * MV, one-coin DS and GLAD, CrowdMeta (2,000 meta-iterations), CrowdMeta
 * with unbounded expertise and with the reference code's hard EM over all
 * workers, CrowdMKT and CrowdTrU with 5 (Exp. 1) and 60 (Exp. 2, `-60`)
 * source instances per class, and the same EM on the raw features (no
 * transfer) and on v = 1 (worker-level quality).
 */
export async function crowdmetaSuite(o: SuiteOptions): Promise<SuiteResult> {
  const datasets = o.datasets ?? (o.quick ? ['music'] : DATASETS);
  const seeds = o.seeds ?? (o.quick ? [0, 1] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const methods = o.methods ?? ALL;
  checkNames('method', methods, ALL);
  checkNames('dataset', datasets, DATASETS);
  await initBackend();
  const get = datasetLoader();
  const prepared = new Map<string, Prepared>();
  const metaIters = o.quick ? QUICK_ITERS : 2000;

  const prepare = async (name: string, seed: number, needsRepresentation: boolean): Promise<Prepared> => {
    const key = `${name}/${seed}`;
    let p = prepared.get(key);
    if (p === undefined) {
      for (const k of prepared.keys()) if (!k.startsWith(`${name}/`)) prepared.delete(k);
      const task = classDisjointTask(labelledPool(get(name)), { seed });
      const crowd = simulateMetaCrowd(task, seed);
      p = { task, labels: crowd.labels, gold: crowd.gold };
      prepared.set(key, p);
    }
    if (needsRepresentation && p.representation === undefined) p.representation = await metaRepresentation(p.task, { seed, metaIters });
    return p;
  };

  const result = await runComparison({
    suite: 'crowdmeta',
    metric: 'accuracy',
    higherIsBetter: true,
    datasets,
    methods,
    seeds,
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const spec = EM_METHODS[method];
      const p = await prepare(name, seed, spec?.repr === 'meta');
      if (spec === undefined) return { value: accuracy((await aggregateByName(method, p.labels, seed)).labels, p.gold) };
      let V: ArrayLike<number>;
      let D: number;
      if (spec.repr === 'meta') {
        const r = p.representation as MetaRepresentation;
        [V, D] = [r.V, r.dim];
      } else if (spec.repr === 'raw') {
        const f = standardize(p.task.target).features;
        [V, D] = [f.data, f.numCols];
      } else if (spec.repr === 'ones') {
        [V, D] = [new Float32Array(p.task.target.numRows).fill(1), 1];
      } else {
        // Exp. 2's larger source budget: the same seed draws the same target items and support, then more source rows
        const source = spec.sourcePerClass === undefined ? p.task.source.features : classDisjointTask(labelledPool(get(name)), { seed, sourcePerClass: spec.sourcePerClass }).source.features;
        const r = (spec.repr === 'mkt' ? crowdMktRepresentation : crowdTruRepresentation)(source, p.task.target);
        [V, D] = [r.V, r.dim];
      }
      const inferred = inferWithExpertise(p.labels, V, D, { seed, ...spec.em });
      return { value: accuracy(inferred.labels, p.gold), extra: { rounds: inferred.rounds } };
    },
  });
  result.notes.push(
    `Protocol: class-disjoint target tasks of 5 classes; source 5 instances per source class; fine-tuning 5 gold instances per target class; 30 workers (5 spammers, 5 random, 12 with 0.8 on 2 familiar classes and 0.45 elsewhere, 8 experts at 0.9), 3 labels per item; ${metaIters} meta-iterations${o.quick ? ' (--quick; the default is 2,000)' : ''}.`,
    'CrowdMKT: a K-SVD dictionary (20 atoms, OMP with 2 non-zeros) of the min-max-normalised source and target features, the target codes as v_i; CrowdTrU: the dictionary of the source alone; both with the code\'s hard EM (50 rounds, tolerance 0.1). `-60`: 60 source instances per class (the paper\'s Exp. 2); CrowdMeta keeps 5.',
    'Paper (MiniImageNet): Exp. 1 MV 0.676, CrowdTrU 0.684, CrowdMKT 0.704, CrowdMeta 0.728; Exp. 2 MV 0.696, CrowdTrU 0.712, CrowdMKT 0.720, CrowdMeta 0.732.',
  );
  return result;
}
