import { randomBytes } from 'node:crypto';
import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { chmod, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join, resolve } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';
import { trackTemporary, untrackTemporary } from './temporary-paths.js';

/**
 * The file a write to `path` should land in: `path` itself, or the file a
 * symbolic link at `path` points to (followed to its end, also when that
 * file does not exist yet), so that the link is kept and its target gets
 * the data.
 */
function writeTarget(path: string): string {
  let target = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let link: Stats;
    try {
      link = lstatSync(target);
    } catch {
      return target; // nothing there yet
    }
    if (!link.isSymbolicLink()) return target;
    try {
      return realpathSync(target);
    } catch {
      // a dangling link: follow it one step and go on
      target = resolve(dirname(target), readlinkSync(target));
    }
  }
  throw new CrowdError('IO_ERROR', 'too many levels of symbolic links', { source: path });
}

/** What {@link writeFileAtomic} writes: the whole content, or its chunks in order (a table of millions of rows is never one string). */
export type FileContent = string | Uint8Array | Iterable<string | Uint8Array>;

/** Writes `data` to `path` (created or truncated), chunk by chunk when it is an iterable. */
async function writeContent(path: string, data: FileContent): Promise<void> {
  if (typeof data === 'string' || data instanceof Uint8Array) return writeFile(path, data);
  const handle = await open(path, 'w');
  try {
    for (const chunk of data) await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk));
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` to `path` through a temporary file in the same folder and a
 * rename, so a reader never sees a half-written file and a failure leaves
 * any previous file intact. A symbolic link is kept and the file it points
 * to is written (with that file's permissions); a character device, FIFO or
 * socket (`/dev/stdout`, a named pipe) is written directly, as it cannot be
 * replaced; a directory is refused. If the process is interrupted (SIGINT,
 * SIGTERM) during the write, the temporary file is removed.
 *
 * @param path - The file to create or replace.
 * @param data - Its whole content, or its chunks in order.
 * @throws {@link @crowdlearn/core-matrix!CrowdError} `IO_ERROR` naming the path when it is a directory or the folder is not writable.
 */
export async function writeFileAtomic(path: string, data: FileContent): Promise<void> {
  let existing: Stats | undefined;
  try {
    existing = statSync(path); // through any links
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory() === true) throw new CrowdError('IO_ERROR', `cannot write ${path}`, { source: path, expected: 'a file', found: 'a directory' });
  if (existing !== undefined && !existing.isFile()) {
    // a device, FIFO or socket cannot be replaced: it is the destination itself
    try {
      await writeContent(path, data);
      return;
    } catch (err) {
      throw new CrowdError('IO_ERROR', `cannot write ${path}`, { source: path, cause: err, found: String((err as Error).message) });
    }
  }
  const target = writeTarget(path);
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  trackTemporary(tmp);
  try {
    await writeContent(tmp, data);
    // a replaced file keeps its permissions
    if (existing !== undefined) await chmod(tmp, existing.mode & 0o7777);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new CrowdError('IO_ERROR', `cannot write ${path}`, { source: path, cause: err, found: String((err as Error).message) });
  } finally {
    untrackTemporary(tmp);
  }
}
