import { beforeAll, expect, it } from 'vitest';
import { accuracy, standardize } from '@crowdlearn/core-matrix';
import { loadDataset } from '@crowdlearn/datasets';
import { aggregate } from '@crowdlearn/aggregators';
import { initBackend } from '@crowdlearn/neural';
import { classDisjointTask, crowdMeta, inferWithExpertise, labelledPool, simulateMetaCrowd } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/**
 * The spec's protocol (§5) on the bundled Music songs: 5 target genres x 95
 * songs (5 more per genre are the fine-tuning support), the other 5 genres
 * as the source domain with 5 songs each, the paper's 30 simulated workers
 * and 3 labels per song. 3 seeds and 300 meta-iterations (the default is
 * 2,000; `pnpm -s bench crowdmeta` runs the full protocol over 10 seeds).
 * Asserted: the direction the issue asks for, CrowdMeta above MV and above
 * the same EM on the raw features (no transfer), by at least 1 point on
 * average.
 */
it('meta-knowledge transfer beats MV and no transfer on simulated crowds over Music (3 seeds)', async () => {
  const pool = labelledPool(loadDataset('music'));
  let meta = 0;
  let mv = 0;
  let raw = 0;
  for (let seed = 0; seed < 3; seed++) {
    const task = classDisjointTask(pool, { seed });
    const crowd = simulateMetaCrowd(task, seed);
    const result = await crowdMeta(crowd.labels, task, { representation: { seed, metaIters: 300 } });
    meta += accuracy(result.labels, crowd.gold) / 3;
    mv += accuracy(aggregate(crowd.labels, { method: 'mv', seed }).labels, crowd.gold) / 3;
    const features = standardize(task.target).features;
    raw += accuracy(inferWithExpertise(crowd.labels, features.data, features.numCols, { seed }).labels, crowd.gold) / 3;
  }
  expect(meta).toBeGreaterThanOrEqual(mv + 0.01);
  expect(meta).toBeGreaterThanOrEqual(raw + 0.01);
});
