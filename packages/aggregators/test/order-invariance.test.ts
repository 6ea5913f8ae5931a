import { describe, expect, it } from 'vitest';
import { CrowdLabels, Rng, type ExternalId } from '@crowdlearn/core-matrix';
import { simulateCrowd } from '@crowdlearn/datasets';
import { AGGREGATORS, type AggregationResult } from '../src/index.js';

/**
 * The same crowd read from a file whose rows come in another order: the
 * items and workers get other dense indices (first appearance), the labels
 * of an item another order. Every aggregator must give the same labels and
 * posteriors per item id, to 1e-9, for the same seed.
 */
function rowsShuffled(labels: CrowdLabels, seed: number): CrowdLabels {
  const rows = Array.from({ length: labels.numLabels }, (_, e) => ({
    item: labels.items.idOf(labels.item[e] as number),
    worker: labels.workers.idOf(labels.worker[e] as number),
    label: labels.classes.idOf(labels.label[e] as number),
  }));
  const order = new Rng(seed).permutation(rows.length);
  return CrowdLabels.fromObservations(Array.from(order, (j) => rows[j] as { item: ExternalId; worker: ExternalId; label: ExternalId }), { classes: labels.classes.ids() });
}

function byItemId(labels: CrowdLabels, result: AggregationResult): Map<string, { label: number; posterior: number[] }> {
  const K = labels.numClasses;
  const out = new Map<string, { label: number; posterior: number[] }>();
  for (let i = 0; i < labels.numItems; i++) {
    out.set(String(labels.items.idOf(i)), { label: result.labels[i] as number, posterior: Array.from(result.posteriors.subarray(i * K, (i + 1) * K)) });
  }
  return out;
}

describe('row order never changes a result', () => {
  // string ids, so that first appearance and sorted order differ
  const sim = simulateCrowd({ numItems: 300, numWorkers: 20, numClasses: 3, featureDim: 0, participation: [0.1, 0.4] }, 11);
  const named = CrowdLabels.fromObservations(
    Array.from({ length: sim.labels.numLabels }, (_, e) => ({ item: `item-${sim.labels.item[e]}`, worker: `w${(sim.labels.worker[e] as number) * 7 % 20}`, label: sim.labels.label[e] as number })),
  );
  const shuffled = [rowsShuffled(named, 1), rowsShuffled(named, 2)];

  for (const entry of AGGREGATORS.filter((e) => !e.capabilities.needsFeatures && Object.values(e.capabilities.inputs ?? {}).every((need) => need !== 'required') && !e.capabilities.binaryOnly)) {
    it(`${entry.name}: the same labels and posteriors (1e-9) per item for any row order`, async () => {
      const run = (l: CrowdLabels) => entry.run({ labels: l }, { tieBreak: 'lowest' }, { seed: 5 }) as Promise<AggregationResult>;
      const reference = byItemId(named, await run(named));
      for (const other of shuffled) {
        const got = byItemId(other, await run(other));
        let worst = 0;
        let differing = 0;
        for (const [id, r] of reference) {
          const g = got.get(id)!;
          if (g.label !== r.label) differing++;
          r.posterior.forEach((p, k) => (worst = Math.max(worst, Math.abs(p - g.posterior[k]!))));
        }
        expect({ differing, worst: worst < 1e-9 ? 0 : worst }).toEqual({ differing: 0, worst: 0 });
      }
    });
  }
});
