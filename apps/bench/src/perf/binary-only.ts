import { AGGREGATORS } from '@crowdlearn/aggregators';

/** Whether the catalogue marks the aggregator as binary only (the performance crowd then has 2 classes). */
export function binaryOnly(method: string): boolean {
  return AGGREGATORS.find((e) => e.name === method)?.capabilities.binaryOnly === true;
}
