/**
 * The methods added from crowd-kit, Zheng et al.'s framework and spark-crowd, on the
 * bundled real crowds: each one's accuracy as measured when written (seed 0, default
 * options), asserted as "beats majority vote" by a margin below the measured one, so a
 * broken method fails while seed-level noise does not.
 */
import { describe, expect, it } from 'vitest';
import { accuracy, GoldLabels, Rng } from '@crowdlearn/core-matrix';
import { loadDataset } from '@crowdlearn/datasets';
import { goldMajorityVote, ibcc, lfc, majorityVote, viMf } from '../src/index.js';

describe('on real crowds', () => {
  const rte = loadDataset('rte');
  const music = loadDataset('music');
  const barzan = loadDataset('barzan-mozafari');
  const mv = (d: typeof rte) => accuracy(majorityVote(d.labels).labels, d.gold!);

  it('IBCC and LFC beat MV on RTE by 2 points (measured: MV 89.50, IBCC 92.88, LFC 92.75)', () => {
    expect(accuracy(ibcc(rte.labels).labels, rte.gold!)).toBeGreaterThan(mv(rte) + 0.02);
    expect(accuracy(lfc(rte.labels).labels, rte.gold!)).toBeGreaterThan(mv(rte) + 0.02);
  });

  it('VI-MF beats MV on Barzan-Mozafari by 2 points (measured: MV 69.60, VI-MF 73.10)', () => {
    expect(accuracy(viMf(barzan.labels).labels, barzan.gold!)).toBeGreaterThan(mv(barzan) + 0.02);
  });

  it("LFC's classifier of the 124 Music features adds a point over LFC on the labels alone (measured: 77.43 -> 79.86)", () => {
    const plain = accuracy(lfc(music.labels).labels, music.gold!);
    expect(accuracy(lfc(music.labels, { features: music.features! }).labels, music.gold!)).toBeGreaterThan(plain + 0.01);
  }, 60_000);

  it('Gold MV with 10% of the Music gold known beats MV by 5 points on the other 90% (measured: 78.57 against 70.00 on all items)', () => {
    const gold = music.gold!;
    const order = new Rng(0).permutation(gold.size);
    const cut = Math.round(0.1 * gold.size);
    const pick = (rows: Int32Array | Uint32Array) => GoldLabels.fromPairs(gold.numItems, gold.numClasses, Array.from(rows, (j) => gold.items[j]!), Array.from(rows, (j) => gold.labels[j]!));
    const known = pick(order.subarray(0, cut));
    const heldOut = pick(order.subarray(cut));
    const gmv = accuracy(goldMajorityVote(music.labels, known).labels, heldOut);
    expect(gmv).toBeGreaterThan(accuracy(majorityVote(music.labels).labels, heldOut) + 0.05);
  });
});
