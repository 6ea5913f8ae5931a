import { CrowdError, type Rng } from '@crowdlearn/core-matrix';

/** Generated annotations to choose from, one per unobserved (instance, annotator) cell. */
export interface GeneratedCandidates {
  /** Annotator of each candidate. */
  worker: Int32Array;
  /** Entropy (nats) of the generator's distribution in each candidate's cell. */
  entropy: Float32Array;
}

/**
 * Entropy-based selection of generated annotations for the discriminator
 * (specs/crowding.md §3.1). Annotator r gets `min(quota[r], its candidates)`
 * of its candidates, drawn without replacement with probability proportional
 * to `1 / (H + 1e-8)` (`'entropy'`: confident generations are preferred) or
 * uniformly (`'random'`, CrowdInGR). The quota is the annotator's number of
 * real annotations in the minibatch, so an annotator with none gets no fakes.
 *
 * Weighted sampling without replacement uses Efraimidis and Spirakis' keys
 * `u^(1/w)`: the `n` largest keys are a draw of `n` items.
 *
 * @returns The chosen candidates' positions, annotator by annotator.
 */
export function selectGenerated(candidates: GeneratedCandidates, quota: ArrayLike<number>, mode: 'entropy' | 'random', rng: Rng): Int32Array {
  const { worker, entropy } = candidates;
  if (entropy.length !== worker.length) {
    throw new CrowdError('SHAPE_MISMATCH', 'selectGenerated: one entropy per candidate', { expected: String(worker.length), found: String(entropy.length) });
  }
  const byWorker = new Map<number, number[]>();
  for (let j = 0; j < worker.length; j++) {
    const r = worker[j] as number;
    let list = byWorker.get(r);
    if (list === undefined) byWorker.set(r, (list = []));
    list.push(j);
  }
  const chosen: number[] = [];
  for (const r of [...byWorker.keys()].sort((a, b) => a - b)) {
    const list = byWorker.get(r) as number[];
    const n = Math.min(Math.max(0, Math.floor((quota[r] as number | undefined) ?? 0)), list.length);
    if (n === 0) continue;
    // log of the key u^(1/w) with w = 1/(H + 1e-8): log(u) · (H + 1e-8)
    const keyed = list.map((j) => ({ j, key: Math.log(1 - rng.uniform()) * (mode === 'entropy' ? (entropy[j] as number) + 1e-8 : 1) }));
    keyed.sort((a, b) => b.key - a.key || a.j - b.j);
    for (let s = 0; s < n; s++) chosen.push((keyed[s] as { j: number }).j);
  }
  return Int32Array.from(chosen);
}
