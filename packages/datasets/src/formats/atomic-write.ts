import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';

/**
 * Writes `data` to `path` through a temporary file in the same folder and a
 * rename, so a reader never sees a half-written file and a failure leaves
 * any previous file intact.
 *
 * @param path - The file to create or replace.
 * @param data - Its whole content.
 * @throws {@link @crowdlearn/core-matrix!CrowdError} `IO_ERROR` naming the path when the folder is not writable.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new CrowdError('IO_ERROR', `cannot write ${path}`, { source: path, cause: err, found: String((err as Error).message) });
  }
}
