import { describe, expect, it } from 'vitest';
import { accuracy, CrowdLabels, Features, IdMap } from '@crowdlearn/core-matrix';
import { simulateCrowd } from '@crowdlearn/datasets';
import { crowdkitElbo } from '../src/methods/dawid-skene.js';
import { MersenneTwister } from '../src/internal/mt19937.js';
import { aali, aggregate, AGGREGATOR_NAMES, FEATURE_AGGREGATOR_NAMES, TRUE_LABEL_AGGREGATOR_NAMES, confidentItems, dawidSkene, dewsmv, fastDawidSkene, glad, gtic, hds, irt, kos, mace, mnldp, oneCoinDawidSkene, zenCrowd, majorityVote, wawa, weightedMajorityVote, zeroBasedSkill } from '../src/index.js';
import { ALL_METHODS, LIKELIHOOD_METHODS } from './methods.js';

/**
 * The spec's toy: 4 items, 3 workers, K = 2.
 *        w0 w1 w2
 *  i0     0  0  1    MV 0
 *  i1     1  1  0    MV 1
 *  i2     0  1  .    tie
 *  i3     .  .  .    no labels
 */
const toy = CrowdLabels.fromArrays(
  {
    item: Int32Array.of(0, 0, 0, 1, 1, 1, 2, 2),
    worker: Int32Array.of(0, 1, 2, 0, 1, 2, 0, 1),
    label: Int32Array.of(0, 0, 1, 1, 1, 0, 0, 1),
  },
  { numItems: 4, numWorkers: 3, numClasses: 2 },
);

describe('hand-computed cases', () => {
  it('MV: labels, soft distribution, tie rules', () => {
    const r = majorityVote(toy, { tieBreak: 'lowest' });
    expect(Array.from(r.labels)).toEqual([0, 1, 0, 0]);
    expect(Array.from(r.posteriors)).toEqual([2 / 3, 1 / 3, 1 / 3, 2 / 3, 0.5, 0.5, 0.5, 0.5]);
    // random ties are seeded: reproducible, and both outcomes occur across seeds
    const tie = (seed: number) => majorityVote(toy, { seed }).labels[2];
    expect(tie(3)).toBe(tie(3));
    expect(new Set(Array.from({ length: 20 }, (_, s) => tie(s)))).toEqual(new Set([0, 1]));
  });

  it('weighted MV with worker and label weights', () => {
    expect(Array.from(weightedMajorityVote(toy, { workerWeights: [1, 1, 3], tieBreak: 'lowest' }).labels)).toEqual([1, 0, 0, 0]);
    const perLabel = weightedMajorityVote(toy, { labelWeights: [1, 1, 1, 1, 1, 1, 0, 2], tieBreak: 'lowest' });
    expect(Array.from(perLabel.posteriors.slice(4, 6))).toEqual([0, 1]);
    expect(() => weightedMajorityVote(toy, { workerWeights: [1, 1] })).toThrow(/wrong length/);
    expect(() => weightedMajorityVote(toy, {})).toThrow(/exactly one/);
  });

  it('Wawa: skills are agreement with MV (ties to the lowest class)', () => {
    // MV (lowest) = [0, 1, 0]; w0: 0,1,0 all agree -> 1; w1: 0,1,1 -> 2/3; w2: 1,0 -> 0.
    const r = wawa(toy, { tieBreak: 'lowest' });
    expect(Array.from(r.skills)).toEqual([1, 2 / 3, 0]);
    // item 2: w0 (1) says 0, w1 (2/3) says 1 -> 0
    expect(Array.from(r.labels)).toEqual([0, 1, 0, 0]);
  });

  it('DS (mmlc preset), one E-step from 0.7 / 0.3 with a uniform prior', () => {
    const r = dawidSkene(toy, { preset: 'mmlc', maxIterations: 1 });
    // item 0: 0.7 * 0.7 * 0.3 = 0.147 vs 0.3 * 0.3 * 0.7 = 0.063 -> 0.7
    expect(r.posteriors[0]).toBeCloseTo(0.7, 12);
    // item 2: 0.7 * 0.3 vs 0.3 * 0.7 -> 0.5
    expect(r.posteriors[4]).toBeCloseTo(0.5, 12);
    // marginal log-likelihood of that E-step: log(0.5 * 0.21) * 2 + log(0.5 * 0.21)... per item
    const ll = 2 * Math.log(0.5 * 0.147 + 0.5 * 0.063) + Math.log(0.5 * 0.21 + 0.5 * 0.21);
    expect(r.objective?.[0]).toBeCloseTo(ll, 12);
  });

  it('ZBS starts from 1/K + eps and follows the learning-rate schedule', () => {
    const one = zeroBasedSkill(toy, { iterations: 1, tieBreak: 'lowest' });
    // skills start at 0.5 + 1e-5, all equal -> plain MV (lowest) [0, 1, 0]; agreement [1, 2/3, 0]; lr 1
    expect(Array.from(one.skills)).toEqual([1, 2 / 3, 0]);
  });

  it('KOS on a binary toy, and only binary', () => {
    expect(Array.from(kos(toy, { iterations: 5, seed: 1 }).labels.slice(0, 2))).toEqual([0, 1]);
    const three = CrowdLabels.fromArrays({ item: Int32Array.of(0), worker: Int32Array.of(0), label: Int32Array.of(2) });
    expect(() => kos(three)).toThrow(/binary/);
  });

  it('empty items get the prior and its argmax', () => {
    for (const [name, run] of Object.entries(ALL_METHODS)) {
      const r = run(toy, { tieBreak: 'lowest' });
      expect(r.posteriors[6]! + r.posteriors[7]!, name).toBeCloseTo(1, 12);
      // RowArgmax counts values within 1e-12 (relative) of the maximum as tied (ties to the lowest here)
      const expected = r.posteriors[6]! >= r.posteriors[7]! * (1 - 1e-12) ? 0 : 1;
      expect(r.labels[3], name).toBe(expected);
    }
  });
});

describe('every method', () => {
  const sim = simulateCrowd({ numItems: 300, numWorkers: 15, numClasses: 3, workerMix: { confusion: 3, oneCoin: 3, spammer: 1 } }, 4);

  it('returns posteriors that sum to 1 and is deterministic for a seed', () => {
    for (const [name, run] of Object.entries(ALL_METHODS)) {
      const a = run(sim.labels, { seed: 5 });
      const b = run(sim.labels, { seed: 5 });
      expect(Array.from(a.labels), name).toEqual(Array.from(b.labels));
      for (let i = 0; i < sim.labels.numItems; i++) {
        const s = a.posteriors[i * 3]! + a.posteriors[i * 3 + 1]! + a.posteriors[i * 3 + 2]!;
        expect(Math.abs(s - 1), name).toBeLessThan(1e-9);
      }
    }
  });

  it('EM log-likelihood never decreases (up to 1e-9 relative)', () => {
    for (const name of LIKELIHOOD_METHODS) {
      const ll = ALL_METHODS[name]!(sim.labels).objective ?? [];
      expect(ll.length, name).toBeGreaterThan(1);
      for (let t = 1; t < ll.length; t++) expect(ll[t]! - ll[t - 1]!, `${name} step ${t}`).toBeGreaterThanOrEqual(-1e-9 * Math.abs(ll[t - 1]!));
    }
  });

  it('a single perfect worker who labels everything is followed', () => {
    const truth = Int32Array.from({ length: 40 }, (_, i) => i % 3);
    const perfect = CrowdLabels.fromArrays({ item: Int32Array.from(truth.keys()), worker: new Int32Array(40), label: truth }, { numClasses: 3 });
    // Not IRT: with one worker its likelihood is flat and the N(1, 1) priors make the worker worse than chance
    // (z = 1 - e at the prior mode), which its doc states.
    // Not M-MSR: it weighs workers by their agreement with others, and a lone worker has no one to agree with
    // (weight 0, every item a tie).
    for (const [name, run] of Object.entries(ALL_METHODS)) {
      if (name !== 'irt' && name !== 'm-msr') expect(Array.from(run(perfect).labels), name).toEqual(Array.from(truth));
    }
  });

  it('relabelling classes permutes the posteriors; permuting workers changes nothing', () => {
    const perm = [2, 0, 1];
    const relabelled = CrowdLabels.fromArrays(
      { item: sim.labels.item, worker: sim.labels.worker, label: Int32Array.from(sim.labels.label, (l) => perm[l]!) },
      { numItems: 300, numWorkers: 15, numClasses: 3, copy: true },
    );
    const wPerm = Array.from({ length: 15 }, (_, r) => (r * 7) % 15);
    const shuffledWorkers = CrowdLabels.fromArrays(
      { item: sim.labels.item, worker: Int32Array.from(sim.labels.worker, (r) => wPerm[r]!), label: sim.labels.label },
      { numItems: 300, numWorkers: 15, numClasses: 3, workerIds: IdMap.identity(15), copy: true },
    );
    // MACE draws a random start per worker and class, so neither invariance holds restart by restart.
    // MV-based skills (Wawa, ZBS) and FDS's hardening depend on which class wins a tie, which relabelling moves.
    // GTIC's difficulty feature depends on the class order (the spec's own exception).
    // The gold of gold-mv and ds-known here is the majority label, ties to the lowest class; CATD and PM/CRH
    // start from the majority vote's labels (hard), so its ties move their first weights.
    const tieDependent = new Set(['wawa', 'zbs', 'fds', 'gtic', 'gold-mv', 'ds-known', 'catd', 'pm-crh']);
    for (const [name, run] of Object.entries(ALL_METHODS)) {
      if (name === 'mace') continue;
      const a = run(sim.labels, { tieBreak: 'lowest' });
      const b = run(relabelled, { tieBreak: 'lowest' });
      const c = run(shuffledWorkers, { tieBreak: 'lowest' });
      let worst = 0;
      let worstW = 0;
      for (let i = 0; i < 300; i++) {
        for (let k = 0; k < 3; k++) {
          worst = Math.max(worst, Math.abs(a.posteriors[i * 3 + k]! - b.posteriors[i * 3 + perm[k]!]!));
          worstW = Math.max(worstW, Math.abs(a.posteriors[i * 3 + k]! - c.posteriors[i * 3 + k]!));
        }
      }
      // The CG-based M-steps (GLAD, IRT) stop at a loose gradient tolerance (1e-2), so rounding differences from
      // summing in another order can move where they stop by ~1e-4.
      const tolerance = name.startsWith('irt') || name === 'glad' ? 1e-3 : 1e-6;
      if (!tieDependent.has(name)) expect(worst, name).toBeLessThan(tolerance);
      // DEWSMV's random search visits the labels in canonical order, which permuting workers reorders.
      if (name !== 'dewsmv') expect(worstW, name).toBeLessThan(tolerance);
    }
  });
});

describe('claimed effects on simulated crowds', () => {
  it('DS beats MV and recovers confusion matrices (confusion workers, N 1000, R 40, K 4)', () => {
    let dsAcc = 0;
    let mvAcc = 0;
    let errSum = 0;
    let errCount = 0;
    for (let seed = 0; seed < 5; seed++) {
      const s = simulateCrowd({ numItems: 1000, numWorkers: 40, numClasses: 4, workerMix: { confusion: 1 }, featureDim: 0 }, seed);
      const ds = dawidSkene(s.labels);
      dsAcc += accuracy(ds.labels, s.gold) / 5;
      mvAcc += accuracy(majorityVote(s.labels).labels, s.gold) / 5;
      for (let r = 0; r < 40; r++) {
        if (s.labels.workerDegree(r) < 100) continue;
        let err = 0;
        for (let j = 0; j < 16; j++) err += Math.abs(ds.confusion[r * 16 + j]! - s.confusion[r * 16 + j]!);
        errSum += err / 16;
        errCount++;
      }
    }
    expect(dsAcc).toBeGreaterThanOrEqual(mvAcc);
    expect(errCount).toBeGreaterThan(100);
    expect(errSum / errCount).toBeLessThan(0.1);
  });

  // KOS's guarantee needs large degrees: with 5 labels per item it ties MV (-0.1 points over 5 seeds), with 9 it
  // wins on every seed (+0.5 points), measured when this test was written.
  it('KOS is at least as accurate as MV on binary regular crowds (5 seeds, 9 labels per item)', () => {
    let k = 0;
    let m = 0;
    for (let seed = 0; seed < 5; seed++) {
      const s = simulateCrowd({ numItems: 1000, numWorkers: 100, numClasses: 2, quality: [0.6, 0.9], labelsPerItem: 9, featureDim: 0 }, seed);
      k += accuracy(kos(s.labels, { seed }).labels, s.gold);
      m += accuracy(majorityVote(s.labels, { seed }).labels, s.gold);
    }
    expect(k).toBeGreaterThanOrEqual(m);
  });

  it('IRT and GLAD beat MV when worker quality varies (5 seeds)', () => {
    let mv = 0;
    let irtAcc = 0;
    let gladAcc = 0;
    for (let seed = 0; seed < 5; seed++) {
      const s = simulateCrowd({ numItems: 500, numWorkers: 30, numClasses: 3, quality: [0.35, 0.95], featureDim: 0 }, seed);
      mv += accuracy(majorityVote(s.labels, { seed }).labels, s.gold);
      irtAcc += accuracy(irt(s.labels, { seed }).labels, s.gold);
      gladAcc += accuracy(glad(s.labels, { seed }).labels, s.gold);
    }
    expect(irtAcc).toBeGreaterThan(mv);
    expect(gladAcc).toBeGreaterThan(mv);
  });

  it('IRT starts from given posteriors: soft MV by default, and checks their length', () => {
    const s = simulateCrowd({ numItems: 200, numWorkers: 15, numClasses: 3, quality: [0.35, 0.95], featureDim: 0 }, 3);
    const soft = majorityVote(s.labels, { seed: 0 }).posteriors;
    expect(Array.from(irt(s.labels, { initialPosteriors: soft }).posteriors)).toEqual(Array.from(irt(s.labels).posteriors));
    const fromGold = new Float64Array(soft.length);
    for (let i = 0; i < 200; i++) fromGold[i * 3 + s.gold.get(i)!] = 1;
    expect(accuracy(irt(s.labels, { initialPosteriors: fromGold }).labels, s.gold)).toBeGreaterThanOrEqual(accuracy(irt(s.labels).labels, s.gold));
    expect(() => irt(s.labels, { initialPosteriors: new Float64Array(5) })).toThrow(/initialPosteriors has the wrong length/);
  });

  it('GLAD gives higher ability to better workers', () => {
    const s = simulateCrowd({ numItems: 600, numWorkers: 20, numClasses: 3, featureDim: 0 }, 7);
    const g = glad(s.labels);
    // rank correlation between true quality and alpha is strongly positive
    const order = (v: ArrayLike<number>) => Array.from(v).map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
    const rank = (v: ArrayLike<number>) => {
      const r = new Array<number>(v.length);
      order(v).forEach((i, pos) => (r[i] = pos));
      return r;
    };
    const a = rank(s.workerQuality);
    const b = rank(g.alpha);
    let d2 = 0;
    for (let i = 0; i < 20; i++) d2 += (a[i]! - b[i]!) ** 2;
    const spearman = 1 - (6 * d2) / (20 * (400 - 1));
    expect(spearman).toBeGreaterThan(0.7);
  });
});

describe('aggregate', () => {
  it('dispatches by name with the method options', () => {
    const viaName = aggregate(toy, { method: 'ds', preset: 'mmlc', maxIterations: 1 });
    expect(viaName.posteriors[0]).toBeCloseTo(0.7, 12);
    expect(AGGREGATOR_NAMES).toContain('glad');
    expect(() => aggregate(toy, { method: 'nope' } as never)).toThrow(/unknown aggregator "nope"; expected one of mv, wawa/);
  });

  it('names the feature-based and the gold-based aggregators, and every other one runs on labels alone', () => {
    expect(FEATURE_AGGREGATOR_NAMES).toEqual(['lfc-features', 'mnldp', 'aali']);
    expect(TRUE_LABEL_AGGREGATOR_NAMES).toEqual(['gold-mv']);
    expect(() => aggregate(toy, { method: 'gold-mv' } as never)).toThrow(/gold-mv needs trueLabels/);
    for (const name of AGGREGATOR_NAMES) {
      if ((FEATURE_AGGREGATOR_NAMES as readonly string[]).includes(name) || (TRUE_LABEL_AGGREGATOR_NAMES as readonly string[]).includes(name)) continue;
      expect(aggregate(toy, { method: name, seed: 0 } as never).labels).toHaveLength(toy.numItems);
    }
  });
});

describe('crowdkitElbo', () => {
  it('equals the per-label sum it is defined as', () => {
    const s = simulateCrowd({ numItems: 200, numWorkers: 10, numClasses: 3, featureDim: 0 }, 2);
    const ds = dawidSkene(s.labels);
    const K = 3;
    let direct = 0;
    for (let e = 0; e < s.labels.numLabels; e++) {
      const i = s.labels.item[e]!;
      const base = s.labels.worker[e]! * 9 + s.labels.label[e]!;
      for (let k = 0; k < K; k++) {
        const t = ds.posteriors[i * K + k]!;
        if (t > 0) direct += t * (Math.log(ds.confusion[base + k * K]!) + Math.log(ds.prior[k]!));
      }
    }
    for (let i = 0; i < 200; i++) for (let k = 0; k < K; k++) direct -= ds.posteriors[i * K + k]! * Math.log(Math.max(ds.posteriors[i * K + k]!, 1e-10));
    expect(crowdkitElbo(s.labels, ds.posteriors, ds)).toBeCloseTo(direct, 8);
  });
});

describe('feature-based and Jiang-lab methods on simulated crowds with informative features (5 seeds)', () => {
  // The spec's behaviour tests on its synth protocol (participation U(0.1, 0.5)): MNLDP >= MV, AALI >= MV,
  // GTIC >= MV - 1, DEWSMV >= MV - 1 (points, averaged). Measured when written: MV 94.87, MNLDP 98.20, AALI
  // 98.27 (kNN 97.27, MLP 96.13), GTIC 94.80, DEWSMV 94.93 (90.07 with init 'uniform'). On a sparser crowd
  // (participation U(0.05, 0.2)) GTIC and DEWSMV fall 1.2 and 1.1 points below MV.
  const runs = Array.from({ length: 5 }, (_, seed) => simulateCrowd({ numItems: 300, numWorkers: 25, numClasses: 4 }, 100 + seed));
  const mean = (f: (s: (typeof runs)[number], seed: number) => number) => runs.reduce((sum, s, seed) => sum + f(s, seed), 0) / runs.length;
  const mv = mean((s, seed) => 100 * accuracy(majorityVote(s.labels, { seed }).labels, s.gold));

  it('MNLDP >= MV', () => {
    expect(mean((s, seed) => 100 * accuracy(mnldp(s.labels, s.features!, { seed }).labels, s.gold))).toBeGreaterThanOrEqual(mv);
  });
  it('AALI >= MV with each learner', { timeout: 60_000 }, () => {
    for (const learner of ['logreg', 'knn', 'mlp'] as const) {
      expect(mean((s, seed) => 100 * accuracy(aali(s.labels, s.features!, { seed, learner }).labels, s.gold)), learner).toBeGreaterThanOrEqual(mv);
    }
  });
  it('GTIC >= MV - 1', () => {
    expect(mean((s, seed) => 100 * accuracy(gtic(s.labels, { seed }).labels, s.gold))).toBeGreaterThanOrEqual(mv - 1);
  });
  it('DEWSMV >= MV - 1', () => {
    expect(mean((s, seed) => 100 * accuracy(dewsmv(s.labels, { seed }).labels, s.gold))).toBeGreaterThanOrEqual(mv - 1);
  });
});

describe('confidentItems', () => {
  it('computes class-wise mean confidence and the reliable items (hand case)', () => {
    // soft MV of the toy: i0 [2/3, 1/3] -> 0, i1 [1/3, 2/3] -> 1, i2 [1/2, 1/2] -> 0 (lowest)
    const mv = majorityVote(toy, { tieBreak: 'lowest' });
    const c = confidentItems(toy, mv.posteriors, mv.labels);
    expect(c.threshold[0]).toBeCloseTo((2 / 3 + 1 / 2) / 2, 12);
    expect(c.threshold[1]).toBeCloseTo(2 / 3, 12);
    expect(Array.from(c.items)).toEqual([0, 1]);
    expect(Array.from(confidentItems(toy, mv.posteriors, mv.labels, { compare: '>' }).items)).toEqual([0]);
  });
});

describe('hand-computed cases of the Jiang-lab methods', () => {
  it('GTIC on the toy', () => {
    // Points (soft MV, mean consecutive difference), min-max normalised: i0 (1,0,0), i1 (0,1,1), i2 (.5,.5,.5).
    // Initial centroids i0 and i1; i2 is equidistant and joins cluster 0 (lower index); clusters map to
    // classes 0 and 1 by their MV labels (i0, i2 -> 0; i1 -> 1).
    expect(Array.from(gtic(toy, { tieBreak: 'lowest' }).labels)).toEqual([0, 1, 0, 0]);
  });

  it('DEWSMV from plain MV with no generations is plain MV; its best fitness never rises', () => {
    const none = dewsmv(toy, { tieBreak: 'lowest', generations: 0, initSpread: 0 });
    expect(Array.from(none.labelWeights)).toEqual(new Array(toy.numLabels).fill(1));
    expect(Array.from(none.labels)).toEqual([0, 1, 0, 0]);
    const s = simulateCrowd({ numItems: 100, numWorkers: 10, numClasses: 3, featureDim: 0 }, 3);
    const run = dewsmv(s.labels, { generations: 30 });
    for (let g = 1; g < run.objective!.length; g++) expect(run.objective![g]!).toBeLessThanOrEqual(run.objective![g - 1]!);
  });

  it('MNLDP with alpha 0 is soft MV; a point midway between its two neighbours gets weights 1/2, 1/2', () => {
    const features = new Features(Float32Array.of(0, 1, 2, 10), 4, 1);
    const zero = mnldp(toy, features, { alpha: 0, tieBreak: 'lowest' });
    expect(Array.from(zero.posteriors.slice(0, 6))).toEqual(Array.from(majorityVote(toy).posteriors.slice(0, 6)));
    // items at 0, 1, 2, 10 with 2 neighbours: item 1 is reconstructed from items 0 and 2 with 1/2 each (up to the
    // ridge), so after one propagation step with alpha 1 its distribution is the mean of theirs.
    const one = mnldp(toy, features, { alpha: 1, neighbours: 2, maxIterations: 1, tieBreak: 'lowest' });
    const p0 = majorityVote(toy).posteriors;
    expect(one.posteriors[2]!).toBeCloseTo((p0[0]! + p0[4]!) / 2, 3);
  });
});

describe('hand-computed cases of the EM methods on the toy', () => {
  // Soft MV of the toy: i0 [2/3, 1/3], i1 [1/3, 2/3], i2 [1/2, 1/2]; prior over labelled items [1/2, 1/2].
  // One-coin skills from it: w0 (2/3 + 2/3 + 1/2)/3 = 11/18, w1 = 11/18, w2 (1/3 + 1/3)/2 = 1/3.
  // First E-step, item 0 (labels 0, 0, 1): k=0: (11/18)^2 (2/3), k=1: (7/18)^2 (1/3) -> 242/291.
  it('one-coin DS and ZenCrowd: first E-step', () => {
    expect(oneCoinDawidSkene(toy, { maxIterations: 1 }).posteriors[0]).toBeCloseTo(242 / 291, 12);
    expect(zenCrowd(toy, { maxIterations: 1 }).posteriors[0]).toBeCloseTo(242 / 291, 12);
  });

  it('HDS: first E-step from 0.7 / 0.3', () => {
    expect(hds(toy, { maxIterations: 1 }).posteriors[0]).toBeCloseTo(0.7, 12);
  });

  it('FDS: one-hot MV, DS M-step, hard E-step', () => {
    // prior [2/3, 1/3]; on item 2 (w0 says 0, w1 says 1): k=0 2/3 * 1 * 1/2 vs k=1 1/3 * ~0 * 1 -> 0.
    const r = fastDawidSkene(toy, { tieBreak: 'lowest', maxIterations: 1 });
    expect(Array.from(r.labels)).toEqual([0, 1, 0, 0]);
    expect(r.prior[0]).toBeCloseTo(2 / 3, 12);
  });

  it('GLAD: the first E-step from alpha = beta = 1 gives sigma(e) on a 2-vs-1 item', () => {
    // z = 1 * e^1; item 0 (0, 0, 1): s^2 (1 - s) / (s^2 (1 - s) + (1 - s)^2 s) = s with s = sigma(e).
    const s = 1 / (1 + Math.exp(-Math.E));
    expect(glad(toy, { maxIterations: 0 }).posteriors[0]).toBeCloseTo(s, 12);
  });

  it('IRT starts from the soft MV', () => {
    const r = irt(toy, { maxIterations: 0 });
    expect(Array.from(r.posteriors.slice(0, 6))).toEqual(Array.from(majorityVote(toy).posteriors.slice(0, 6)));
  });

  it('MACE: posteriors from the start are Π_labels (spam_r ξ_r[l] + know_r [l = k]) / K, normalised', () => {
    const r = mace(toy, { init: 'crowdkit', iterations: 0, tieBreak: 'lowest' });
    // crowd-kit's start: NumPy RandomState(0) draws, U(1, 2.5), normalised per worker.
    const a = new MersenneTwister(0);
    const spam: number[] = [];
    const know: number[] = [];
    for (let w = 0; w < 3; w++) {
      const x = 1 + 1.5 * a.random();
      const y = 1 + 1.5 * a.random();
      spam.push(x / (x + y));
      know.push(y / (x + y));
    }
    const b = new MersenneTwister(0);
    const xi = [0, 1, 2].map(() => {
      const u = [1 + 1.5 * b.random(), 1 + 1.5 * b.random()];
      return u.map((v) => v / (u[0]! + u[1]!));
    });
    // item 0: w0 says 0, w1 says 0, w2 says 1
    const f = (w: number, l: number, k: number) => spam[w]! * xi[w]![l]! + (l === k ? know[w]! : 0);
    const p0 = f(0, 0, 0) * f(1, 0, 0) * f(2, 1, 0);
    const p1 = f(0, 0, 1) * f(1, 0, 1) * f(2, 1, 1);
    expect(r.posteriors[0]).toBeCloseTo(p0 / (p0 + p1), 12);
  });

  it('AALI keeps unanimous items reliable and their labels', () => {
    const unanimous = CrowdLabels.fromArrays(
      { item: Int32Array.of(0, 0, 1, 1, 2, 2, 3, 3), worker: Int32Array.of(0, 1, 0, 1, 0, 1, 0, 1), label: Int32Array.of(0, 0, 1, 1, 0, 0, 1, 1) },
      { numClasses: 2 },
    );
    const r = aali(unanimous, new Features(Float32Array.of(0, 1, 0.2, 1.1), 4, 1), { folds: 2 });
    expect(Array.from(r.reliable)).toEqual([1, 1, 1, 1]);
    expect(Array.from(r.labels)).toEqual([0, 1, 0, 1]);
  });
});
