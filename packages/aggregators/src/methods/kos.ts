import { CrowdError, Rng, type CrowdLabels, resolveOptions, type OptionTable } from '@crowdlearn/core-matrix';
import { RowArgmax } from '@crowdlearn/core-matrix';
import type { AggregationResult, CommonOptions } from '../types.js';

/** Options of {@link kos}. */
export interface KosOptions extends CommonOptions {
  /** Message-passing rounds. Default 100. */
  iterations?: number;
}

/** {@link kos}'s options: defaults and ranges. */
export const KOS_OPTIONS = {
  iterations: { kind: 'integer', min: 0, default: 100, description: 'message-passing rounds (all run)' },
} as const satisfies OptionTable;

const MAX_MESSAGE = 1e300;

/**
 * KOS (Karger, Oh, Shah 2011), binary only: class 1 is +1 and class 0 is -1;
 * worker-to-item messages start from N(1, 1) (seeded); each round sends
 * `x_{i→r} = Σ_{r'≠r} A_{ir'} y_{r'→i}` and `y_{r→i} = Σ_{i'≠i} A_{i'r} x_{i'→r}`,
 * stopping early if a message exceeds 1e300. The label is the sign of
 * `Σ_r A_ir y_{r→i}` (a zero goes to `tieBreak`). KOS has no probabilities:
 * `posteriors` are one-hot (0.5 / 0.5 for a zero score). K > 2 is an error.
 *
 * Cite: D. R. Karger, S. Oh, D. Shah, "Budget-optimal task allocation for
 * reliable crowdsourcing systems", Operations Research 62(1), 2014.
 */
export function kos(labels: CrowdLabels, options: KosOptions = {}): AggregationResult {
  const o = resolveOptions('kos', KOS_OPTIONS, options);
  if (labels.numClasses !== 2) {
    throw new CrowdError('UNSUPPORTED', 'KOS is for binary labels only', {
      expected: '2 classes',
      found: `${labels.numClasses} classes`,
    });
  }
  const N = labels.numItems;
  const n = labels.numLabels;
  const { item, worker, label } = labels;
  const rng = new Rng(options.seed ?? 0).fork('kos-init');
  const sign = Float64Array.from(label, (l) => (l === 1 ? 1 : -1));
  let y = Float64Array.from({ length: n }, () => rng.normal(1, 1));
  const x = new Float64Array(n);
  const itemSum = new Float64Array(N);
  const workerSum = new Float64Array(labels.numWorkers);
  const rounds = o.iterations;
  let iterations = 0;
  let overflow = false;
  for (let round = 0; round < rounds && !overflow; round++) {
    itemSum.fill(0);
    for (let e = 0; e < n; e++) itemSum[item[e] as number]! += (sign[e] as number) * (y[e] as number);
    if (itemSum.some((v) => Math.abs(v) > MAX_MESSAGE)) break;
    for (let e = 0; e < n; e++) x[e] = (itemSum[item[e] as number] as number) - (sign[e] as number) * (y[e] as number);
    workerSum.fill(0);
    for (let e = 0; e < n; e++) workerSum[worker[e] as number]! += (sign[e] as number) * (x[e] as number);
    if (workerSum.some((v) => Math.abs(v) > MAX_MESSAGE)) break;
    const next = new Float64Array(n);
    for (let e = 0; e < n; e++) next[e] = (workerSum[worker[e] as number] as number) - (sign[e] as number) * (x[e] as number);
    y = next;
    iterations++;
    overflow = !Number.isFinite(next.reduce((m, v) => Math.max(m, Math.abs(v)), 0));
  }
  itemSum.fill(0);
  for (let e = 0; e < n; e++) itemSum[item[e] as number]! += (sign[e] as number) * (y[e] as number);
  const posteriors = new Float64Array(N * 2);
  for (let i = 0; i < N; i++) {
    const s = itemSum[i] as number;
    posteriors[i * 2 + 1] = s > 0 ? 1 : s < 0 ? 0 : 0.5;
    posteriors[i * 2] = 1 - (posteriors[i * 2 + 1] as number);
  }
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return {
    method: 'kos',
    labels: argmax.rows(posteriors, N, 2),
    posteriors,
    iterations,
  };
}
