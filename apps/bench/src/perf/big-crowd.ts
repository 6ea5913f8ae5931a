import { CrowdLabels, GoldLabels, Rng } from '@crowdlearn/core-matrix';

/**
 * The aggregators issue's performance crowd: `labels / perTask` tasks, one-coin
 * workers with accuracy U(0.5, 0.9), uniform truth over `classes`, `perTask`
 * distinct workers per task, fixed seed. Generated in canonical order, so the
 * matrix adopts the columns. (1M labels: 100k tasks, 1,000 workers, 4 classes.)
 * `simulateCrowd` can describe the same crowd, but it takes 12.5 s and 527 MiB
 * at 1M labels (145 s, 4.6 GiB at 10M), which would swamp what is measured.
 */
export function bigCrowd(numLabels: number, options: { workers: number; classes: number; perTask: number; seed: number }): { labels: CrowdLabels; gold: GoldLabels } {
  const { workers: R, classes: K, perTask } = options;
  const N = Math.floor(numLabels / perTask);
  const stride = Math.floor(R / perTask);
  const rng = new Rng(options.seed);
  const quality = Float64Array.from({ length: R }, () => rng.uniform(0.5, 0.9));
  const truth = Int32Array.from({ length: N }, () => rng.int(K));
  const n = N * perTask;
  const item = new Int32Array(n);
  const worker = new Int32Array(n);
  const label = new Int32Array(n);
  for (let i = 0; i < N; i++) {
    // distinct ascending workers: one from each of perTask strides of the worker range
    for (let j = 0; j < perTask; j++) {
      const e = i * perTask + j;
      const r = j * stride + rng.int(stride);
      item[e] = i;
      worker[e] = r;
      const y = truth[i] as number;
      label[e] = rng.uniform() < (quality[r] as number) ? y : (y + 1 + rng.int(K - 1)) % K;
    }
  }
  return {
    labels: CrowdLabels.fromArrays({ item, worker, label }, { numItems: N, numWorkers: R, numClasses: K }),
    gold: GoldLabels.fromArray(truth, K),
  };
}
