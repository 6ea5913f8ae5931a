import { describe, expect, it } from 'vitest';
import { chooseClass, classGeometry } from '../src/completion-rule.js';

describe('Algorithm 3: centroids, radii and the completion rule', () => {
  it('computes centroids and mean or max radii (Eqs. 16-17)', () => {
    const z = Float32Array.of(0, 0, 1, 0, 5, 0, 9, 9);
    const mean = classGeometry(z, 2, [0, 1, 2, 3], [0, 0, 0, 2], 3, 'mean');
    expect(Array.from(mean.centroids.subarray(0, 2))).toEqual([2, 0]);
    expect(mean.radii[0]).toBeCloseTo(2, 12);
    expect(mean.radii[1]).toBeNaN();
    expect(mean.radii[2]).toBe(0);
    expect(Array.from(mean.counts)).toEqual([3, 0, 1]);
    expect(classGeometry(z, 2, [0, 1, 2, 3], [0, 0, 0, 2], 3, 'max').radii[0]).toBeCloseTo(3, 12);
  });

  // class 0: members (0,0), (4,0): centroid (2,0), radius 2; class 2: (3,0), (3,4): centroid (3,2), radius 2
  const members = Float32Array.of(0, 0, 4, 0, 3, 0, 3, 4);
  const geometry = classGeometry(members, 2, [0, 1, 2, 3], [0, 0, 2, 2], 3, 'mean');
  const at = (x: number, y: number) => Float32Array.of(x, y);

  it('an item inside classes 2 and 0: first picks 0, the nearest rules pick 2', () => {
    const z = at(3, 1); // distance √2 to class 0, 1 to class 2
    expect(chooseClass(z, 0, geometry, 'firstWithinRadius', 0)).toBe(0);
    expect(chooseClass(z, 0, geometry, 'nearestWithinRadius', 0)).toBe(2);
    expect(chooseClass(z, 0, geometry, 'nearestIfWithinRadius', 0)).toBe(2);
    expect(chooseClass(z, 0, geometry, 'nearest', 0)).toBe(2);
  });

  it('an item outside every radius stays empty unless the rule ignores radii or the floor reaches it', () => {
    const z = at(10, 10);
    expect(chooseClass(z, 0, geometry, 'firstWithinRadius', 0)).toBe(-1);
    expect(chooseClass(z, 0, geometry, 'nearestIfWithinRadius', 0)).toBe(-1);
    expect(chooseClass(z, 0, geometry, 'nearest', 0)).toBe(2);
    expect(chooseClass(z, 0, geometry, 'nearestIfWithinRadius', 11)).toBe(2);
  });

  it('nearestIfWithinRadius leaves the cell empty when the nearest class does not hold the item', () => {
    // class 0 wide (centroid (2,0), radius 2), class 2 a single point (5,1) with radius 0
    const g = classGeometry(Float32Array.of(0, 0, 4, 0, 5, 1), 2, [0, 1, 2], [0, 0, 2], 3, 'mean');
    const z = at(3.8, 0.8);
    expect(chooseClass(z, 0, g, 'nearestIfWithinRadius', 0)).toBe(-1);
    expect(chooseClass(z, 0, g, 'nearestWithinRadius', 0)).toBe(0);
    expect(chooseClass(z, 0, g, 'firstWithinRadius', 0)).toBe(0);
    expect(chooseClass(z, 0, g, 'nearest', 0)).toBe(2);
  });

  it('never completes a class the worker did not use', () => {
    for (let x = -5; x <= 10; x += 0.5) {
      for (let y = -5; y <= 10; y += 0.5) {
        for (const rule of ['firstWithinRadius', 'nearestWithinRadius', 'nearestIfWithinRadius', 'nearest'] as const) {
          expect(chooseClass(at(x, y), 0, geometry, rule, 100)).not.toBe(1);
        }
      }
    }
  });
});
