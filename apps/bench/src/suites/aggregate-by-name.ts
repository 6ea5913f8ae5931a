import { CrowdError, type CrowdLabels, type Features } from '@crowdlearn/core-matrix';
import { AGGREGATORS, type AggregationResult } from '@crowdlearn/aggregators';
import { NEURAL_AGGREGATORS } from '@crowdlearn/neural';

/**
 * Runs a truth-inference method named in a suite (`mv`, `ds`, `lagnn`, ...)
 * through its catalogue entry, with its default options and the dataset's
 * features when it needs them.
 */
export async function aggregateByName(name: string, labels: CrowdLabels, seed: number, features?: Features, options: Record<string, unknown> = {}): Promise<AggregationResult> {
  const entry = [...AGGREGATORS, ...NEURAL_AGGREGATORS].find((e) => e.name === name);
  if (entry === undefined) throw new CrowdError('INVALID_ARGUMENT', `unknown aggregator ${JSON.stringify(name)}`);
  return entry.run({ labels, ...(features !== undefined ? { features } : {}) }, options, { seed });
}
