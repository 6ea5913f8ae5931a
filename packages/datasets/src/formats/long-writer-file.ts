import type { CrowdLabels } from '@crowdlearn/core-matrix';
import { writeFileAtomic } from './atomic-write.js';
import { writeLongCsv, type LongWriterOptions } from './long-writer.js';

/** Writes {@link writeLongCsv}'s text to a file atomically (temporary file, then rename). */
export async function writeLongCsvFile(path: string, labels: CrowdLabels, options: LongWriterOptions = {}): Promise<void> {
  await writeFileAtomic(path, writeLongCsv(labels, options));
}
