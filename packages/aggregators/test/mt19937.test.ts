import { expect, it } from 'vitest';
import { MersenneTwister } from '../src/internal/mt19937.js';

it('reproduces NumPy RandomState(0).random_sample()', () => {
  // numpy.random.RandomState(0).random_sample(3)
  const mt = new MersenneTwister(0);
  expect([mt.random(), mt.random(), mt.random()]).toEqual([0.5488135039273248, 0.7151893663724195, 0.6027633760716439]);
});
