import { describe, expect, it } from 'vitest';
import { checkOption, isCrowdError } from '@crowdlearn/core-matrix';
import { simulateCrowd } from '@crowdlearn/datasets';
import { aggregate, AGGREGATOR_NAMES, AGGREGATORS, gtic, mace, type AggregateOptions } from '../src/index.js';
import { ALL_METHODS, everyOtherItemKnown } from './methods.js';

const sim = simulateCrowd({ numItems: 120, numClasses: 3, numWorkers: 10, featureDim: 4, labelsPerItem: 4 }, 3);
const binary = simulateCrowd({ numItems: 80, numClasses: 2, numWorkers: 8, labelsPerItem: 3 }, 4);

describe('the aggregators catalogue', () => {
  it('names every method aggregate() runs, plus wmv, once each, in kebab case', () => {
    const names = AGGREGATORS.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...AGGREGATOR_NAMES, 'wmv'].sort());
    for (const e of AGGREGATORS) {
      expect(e.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(e.family).toBe('aggregation');
      expect(e.summary.length).toBeGreaterThan(5);
      expect(e.cite.length).toBeGreaterThan(5);
    }
  });

  it('every label-only multi-class method in the catalogue gets the property tests of behaviour.test.ts', () => {
    const needed = AGGREGATORS.filter((e) => !e.capabilities.needsFeatures && !e.capabilities.binaryOnly && e.name !== 'wmv').map((e) => e.name);
    expect(needed.filter((name) => !(name in ALL_METHODS))).toEqual([]);
  });

  it("every option's default lies in its own range, and every default is what the method runs with", async () => {
    for (const e of AGGREGATORS) {
      for (const spec of e.options) {
        if (spec.default !== undefined) expect(() => checkOption(e.name, spec, spec.default)).not.toThrow();
        else expect(spec.defaultText, `${e.name}.${spec.name} states how its default is derived`).toBeDefined();
      }
    }
    // the catalogue's runner with every default spelt out gives what the bare call gives
    for (const e of AGGREGATORS.filter((x) => x.name !== 'wmv')) {
      const data = e.capabilities.binaryOnly ? binary : sim;
      const known = e.capabilities.inputs?.trueLabels === 'required' ? { trueLabels: everyOtherItemKnown(data.labels) } : {};
      const input = { labels: data.labels, ...(data.features !== undefined ? { features: data.features } : {}), ...known };
      const defaults = Object.fromEntries(e.options.filter((s) => s.default !== undefined).map((s) => [s.name, s.default]));
      const bare = await e.run(input, {}, { seed: 5 });
      const spelt = await e.run(input, defaults, { seed: 5 });
      expect(Array.from(spelt.labels), e.name).toEqual(Array.from(bare.labels));
      expect(Array.from(spelt.posteriors), e.name).toEqual(Array.from(bare.posteriors));
      const direct = aggregate(data.labels, { method: e.name, seed: 5, ...known, ...(e.capabilities.needsFeatures ? { features: data.features } : {}) } as AggregateOptions);
      expect(Array.from(bare.posteriors), e.name).toEqual(Array.from(direct.posteriors));
    }
  });

  it('rejects an option outside its range with a typed error naming the method and the option', () => {
    const fail = (run: () => unknown) => {
      try {
        run();
      } catch (err) {
        return isCrowdError(err) ? `${err.code}: ${err.message}` : String(err);
      }
      return 'no error';
    };
    expect(fail(() => aggregate(sim.labels, { method: 'ds', tol: -1 }))).toBe('INVALID_ARGUMENT: ds: bad option tol; expected a number > 0, found -1');
    expect(fail(() => aggregate(sim.labels, { method: 'glad', maxIterations: 2.5 }))).toBe('INVALID_ARGUMENT: glad: bad option maxIterations; expected a whole number >= 0, found 2.5');
    expect(fail(() => aggregate(sim.labels, { method: 'mace', inference: 'gibbs' as 'vb' }))).toBe('INVALID_ARGUMENT: mace: bad option inference; expected one of vb, em, found "gibbs"');
  });

  it("MACE's inference choice goes through aggregate() (it was `method`, which the dispatcher's name shadowed)", () => {
    const em = aggregate(sim.labels, { method: 'mace', inference: 'em', seed: 1 });
    expect(Array.from(em.posteriors)).toEqual(Array.from(mace(sim.labels, { inference: 'em', seed: 1 }).posteriors));
    expect(Array.from(em.posteriors)).not.toEqual(Array.from(mace(sim.labels, { inference: 'vb', seed: 1 }).posteriors));
  });

  it('converged is false when the iteration cap stopped a method, and absent for fixed schedules', () => {
    expect(gtic(sim.labels, { maxIterations: 1 }).converged).toBe(false);
    expect(gtic(sim.labels).converged).toBe(true);
    expect(aggregate(sim.labels, { method: 'ds', maxIterations: 1 }).converged).toBe(false);
    for (const method of ['mace', 'zbs', 'dewsmv', 'kos'] as const) {
      const data = method === 'kos' ? binary : sim;
      expect(aggregate(data.labels, { method }).converged, method).toBeUndefined();
    }
    expect(aggregate(sim.labels, { method: 'ds', preset: 'mmlc' }).converged).toBeUndefined();
  });
});
