import type { CrowdLabels, GoldLabels } from '@crowdlearn/core-matrix';
import { writeFileAtomic } from './atomic-write.js';
import { writeCekaGold, writeCekaResp } from './ceka.js';

/** Writes `<path>.resp` (and `<path>.gold` when gold is given), each atomically. */
export async function writeCekaFiles(pathWithoutExtension: string, labels: CrowdLabels, gold?: GoldLabels): Promise<void> {
  await writeFileAtomic(`${pathWithoutExtension}.resp`, writeCekaResp(labels));
  if (gold !== undefined) await writeFileAtomic(`${pathWithoutExtension}.gold`, writeCekaGold(labels, gold));
}
