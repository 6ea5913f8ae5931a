import { describe, expect, it } from 'vitest';
import { formatSettings, parseSettings, type OptionSpec } from '../src/index.js';

const ENTRIES: { name: string; options: OptionSpec[] }[] = [
  {
    name: 'ds',
    options: [
      { name: 'maxIterations', kind: 'integer', description: 'EM iterations', default: 100, min: 0 },
      { name: 'tol', kind: 'number', description: 'tolerance', default: 1e-5, min: 0, exclusiveMin: true },
      { name: 'tieBreak', kind: 'choice', description: 'ties', default: 'random', choices: ['random', 'lowest'] },
    ],
  },
  { name: 'mv', options: [{ name: 'weighted', kind: 'boolean', description: 'weights', default: false }] },
];

describe('the settings string', () => {
  it('round-trips a run: method, seed and options under their catalogue names', () => {
    const settings = { method: 'ds', seed: -3, options: { maxIterations: 50, tol: 1e-6, tieBreak: 'lowest' } };
    const text = formatSettings(settings);
    expect(text).toBe('method=ds&seed=-3&maxIterations=50&tol=0.000001&tieBreak=lowest');
    expect(parseSettings(text, ENTRIES)).toEqual(settings);
    expect(parseSettings('#method=mv&weighted=true', ENTRIES)).toEqual({ method: 'mv', seed: 0, options: { weighted: true } });
  });

  it('refuses what the catalogue does not allow, naming the part at fault', () => {
    const error = (text: string) => {
      try {
        parseSettings(text, ENTRIES, '--settings');
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(error('seed=1')).toMatch(/^--settings: no method; expected method=<name>/);
    expect(error('method=glad')).toBe('--settings: unknown method "glad"; expected one of ds, mv');
    expect(error('method=ds&weighted=true')).toBe('--settings: ds has no option "weighted"; expected one of maxIterations, tol, tieBreak');
    expect(error('method=ds&tol=0')).toBe('--settings: bad tol for ds; expected a number > 0, found 0');
    expect(error('method=ds&maxIterations=1.5')).toMatch(/bad maxIterations for ds; expected a whole number >= 0, found 1.5/);
    expect(error('method=ds&seed=x')).toMatch(/bad seed; expected a whole number, found x/);
    expect(error('method=ds&tol=1&tol=2')).toMatch(/tol is given twice/);
    expect(error('method=mv&weighted=yes')).toMatch(/bad weighted for mv; expected true or false, found yes/);
  });
});
