import { basename, extname } from 'node:path';
import { readFileSync } from 'node:fs';
import { CrowdError } from '@crowdlearn/core-matrix';
import { readJsonLines, readLongGold, readLongLabelsFile } from '@crowdlearn/datasets';
import type { UserData } from './suites/options.js';

/**
 * The crowd of `--data <file> [--gold <file>]`: long-format labels (CSV /
 * TSV, the platforms' exports) or JSON Lines, and gold from the file's gold
 * column or `--gold` (`item,label` rows). Without gold nothing can be
 * scored, which is an error naming the flag.
 */
export async function userData(flags: Record<string, unknown>): Promise<UserData | undefined> {
  const file = flags.data as string | undefined;
  if (file === undefined) {
    if (flags.gold !== undefined) throw new CrowdError('INVALID_ARGUMENT', '--gold scores the labels of --data', { expected: '--data <file> with --gold' });
    return undefined;
  }
  const source = basename(file);
  const read = extname(file).toLowerCase() === '.jsonl' ? readJsonLines(readFileSync(file, 'utf8'), { source }) : await readLongLabelsFile(file, { source });
  const gold = flags.gold !== undefined ? readLongGold(readFileSync(String(flags.gold), 'utf8'), read.labels, { source: basename(String(flags.gold)), unknownItems: 'ignore' }) : read.gold;
  if (gold === undefined || gold.size === 0) throw new CrowdError('INVALID_ARGUMENT', `no gold for the items of ${source}`, { expected: '--gold <file> with item,label rows, or a gold column in --data' });
  return { name: source, labels: read.labels, gold };
}
