import { CrowdLabels, GoldLabels } from '../src/index.js';

/**
 * A hand-made 4 items x 3 workers x 2 classes matrix:
 *
 *          w0  w1  w2   gold
 *   item0   0   0   1    0
 *   item1   1   1   .    1
 *   item2   .   .   1    1
 *   item3   .   .   .    -   (no labels, no gold)
 */
export function smallMatrix(): { labels: CrowdLabels; gold: GoldLabels } {
  const labels = CrowdLabels.fromArrays(
    {
      item: Int32Array.of(0, 0, 0, 1, 1, 2),
      worker: Int32Array.of(0, 1, 2, 0, 1, 2),
      label: Int32Array.of(0, 0, 1, 1, 1, 1),
    },
    { numItems: 4, numWorkers: 3, numClasses: 2 },
  );
  const gold = GoldLabels.fromPairs(4, 2, [0, 1, 2], [0, 1, 1]);
  return { labels, gold };
}
