import { portableLog } from '../portable-math.js';
/**
 * Shannon entropy (natural log) of the distribution `p[offset .. offset+K)`,
 * the confidence score of self-training and of CrowdInG's selection:
 * lower is more confident. `0 log 0 = 0`.
 */
export function entropy(p: ArrayLike<number>, offset = 0, K = p.length - offset): number {
  let h = 0;
  for (let k = 0; k < K; k++) {
    const q = p[offset + k] as number;
    if (q > 0) h -= q * portableLog(q);
  }
  return h;
}
