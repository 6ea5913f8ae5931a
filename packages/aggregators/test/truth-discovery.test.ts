/**
 * CATD and PM/CRH (the truth-discovery methods of Zheng et al.'s framework): their first
 * round's weights by hand on crowd-kit's toy crowd, and their effect on Music.
 */
import { describe, expect, it } from 'vitest';
import { accuracy, chiSquareQuantile } from '@crowdlearn/core-matrix';
import { loadDataset } from '@crowdlearn/datasets';
import { catd, majorityVote, pmCrh } from '../src/index.js';
import { crowd, TOY_ROWS } from './fixtures/crowdkit-test-data.js';

const toy = crowd(TOY_ROWS);
// MV (ties to the lowest class, "no") is no, yes, no, yes, no; the workers disagree with it 2, 1, 0, 3 and 1 times
const disagreements = [2, 1, 0, 3, 1];

describe('the first round of weights', () => {
  it('PM/CRH: -log(d / max d + 1e-7) + 1e-7, a worker with no disagreement counted as 1e-8', () => {
    const r = pmCrh(toy, { maxIterations: 1, tieBreak: 'lowest' });
    const raw = disagreements.map((d) => -Math.log((d === 0 ? 1e-8 : d) / 3 + 1e-7) + 1e-7);
    const sum = raw.reduce((a, b) => a + b, 0);
    raw.forEach((w, r0) => expect(r.skills[r0], `w${r0 + 1}`).toBeCloseTo(w / sum, 12));
  });

  it('CATD: the lower 2.5% chi-square point of a worker\'s label count over their disagreements (+1e-9)', () => {
    const r = catd(toy, { maxIterations: 1, tieBreak: 'lowest' });
    const counts = [5, 5, 4, 5, 5];
    const raw = counts.map((n, j) => chiSquareQuantile(0.025, n) / (disagreements[j]! + 1e-9));
    const sum = raw.reduce((a, b) => a + b, 0);
    raw.forEach((w, r0) => expect(r.skills[r0], `w${r0 + 1}`).toBeCloseTo(w / sum, 12));
    // w3 never disagrees: with the 1e-9 floor every other weight is negligible, and the truth follows w3
    expect(Array.from(r.labels.slice(1))).toEqual([1, 0, 1, 0]);
  });
});

describe('on Music (44 workers of very different quality)', () => {
  // Measured when written (seed 0): MV 70.00, CATD 79.29, PM/CRH 79.43.
  it('both weigh the workers well enough to beat majority vote by 5 points', () => {
    const music = loadDataset('music');
    const mv = accuracy(majorityVote(music.labels).labels, music.gold!);
    expect(accuracy(catd(music.labels).labels, music.gold!)).toBeGreaterThan(mv + 0.05);
    expect(accuracy(pmCrh(music.labels).labels, music.gold!)).toBeGreaterThan(mv + 0.05);
  });
});
