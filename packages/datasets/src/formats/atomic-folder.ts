import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, renameSync, rmSync, type Stats } from 'node:fs';
import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';
import { trackTemporary, untrackTemporary } from './temporary-paths.js';

/** One file of a folder written as a set. */
export interface FolderFile {
  /** The file's name inside the folder (no path separators). */
  name: string;
  /** Its whole content. */
  data: string | Uint8Array;
}

/** Options of {@link writeFolderAtomic}. */
export interface WriteFolderOptions {
  /** What writes the set (`crowdlearn simulate`), recorded in its manifest. */
  writtenBy: string;
  /** Replace a folder this function wrote before (recognised by its manifest). Default false. */
  replace?: boolean;
}

/** The manifest's file name: it marks a folder as a set written by crowdlearn and lists its files. */
export const FOLDER_MANIFEST = 'crowdlearn-files.json';

interface FolderManifest {
  format: 'crowdlearn-files';
  writtenBy: string;
  files: { name: string; bytes: number; sha256: string }[];
}

function refuse(dir: string, reason: string, expected: string): CrowdError {
  return new CrowdError('IO_ERROR', reason, { source: dir, expected });
}

/** The manifest of a folder written by {@link writeFolderAtomic}, or undefined. */
function readManifest(dir: string): FolderManifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, FOLDER_MANIFEST), 'utf8')) as FolderManifest;
    return m.format === 'crowdlearn-files' && Array.isArray(m.files) ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a set of files that belong together (labels, gold and features) as
 * one: into a temporary sibling folder, then renamed into place, so a kill
 * or a full disk never leaves new labels beside old gold, and a reader sees
 * the old set or the new one. The folder gets a manifest
 * ({@link FOLDER_MANIFEST}: each file's size and SHA-256).
 *
 * What is at `dir` decides: nothing or an empty folder is replaced; a
 * folder written here before is replaced only with `replace` and only when
 * it holds nothing but its manifest's files; anything else (a file, a
 * symbolic link, a folder with the user's files) is refused and untouched.
 * Temporary folders are removed on every failure and on SIGINT / SIGTERM.
 *
 * @throws {@link @crowdlearn/core-matrix!CrowdError} `IO_ERROR` naming the folder.
 */
export async function writeFolderAtomic(dir: string, files: readonly FolderFile[], options: WriteFolderOptions): Promise<void> {
  const target = resolve(dir);
  let existing: Stats | undefined;
  try {
    existing = lstatSync(target);
  } catch {
    existing = undefined;
  }
  if (target === process.cwd() || target === dirname(target)) throw refuse(dir, 'is the current folder or the root', 'a folder path of its own, e.g. out/');
  let previous: 'none' | 'empty' | 'ours' = 'none';
  if (existing !== undefined) {
    if (existing.isSymbolicLink()) throw refuse(dir, 'is a symbolic link', 'a folder path (the link is left as it is)');
    if (!existing.isDirectory()) throw refuse(dir, 'is not a folder', 'a new or empty folder for the output files');
    const entries = readdirSync(target);
    if (entries.length > 0) {
      const manifest = readManifest(target);
      const listed = new Set([FOLDER_MANIFEST, ...(manifest?.files.map((f) => f.name) ?? [])]);
      if (manifest === undefined) throw refuse(dir, 'holds files crowdlearn did not write', 'a new or empty folder (nothing in this one is touched)');
      const foreign = entries.filter((e) => !listed.has(e));
      if (foreign.length > 0) throw refuse(dir, `holds files besides a previous output (${foreign.slice(0, 3).join(', ')})`, 'a new or empty folder (nothing in this one is touched)');
      if (options.replace !== true) throw refuse(dir, `holds the output of ${manifest.writtenBy}`, 'replace: true (--force) to replace it');
    }
    previous = entries.length === 0 ? 'empty' : 'ours';
  }
  for (const f of files) {
    if (f.name === FOLDER_MANIFEST || f.name !== basename(f.name) || f.name.startsWith('.')) {
      throw new CrowdError('INVALID_ARGUMENT', `bad file name ${JSON.stringify(f.name)} in a folder set`, { expected: 'a plain file name' });
    }
  }
  const tag = randomBytes(6).toString('hex');
  const tmp = join(dirname(target), `.${basename(target)}.${tag}.tmp`);
  const old = join(dirname(target), `.${basename(target)}.${tag}.old`);
  trackTemporary(tmp);
  let movedAside = false;
  try {
    await mkdir(tmp);
    const manifest: FolderManifest = { format: 'crowdlearn-files', writtenBy: options.writtenBy, files: [] };
    for (const f of files) {
      await writeFile(join(tmp, f.name), f.data);
      const bytes = typeof f.data === 'string' ? Buffer.from(f.data) : f.data;
      manifest.files.push({ name: f.name, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
    await writeFile(join(tmp, FOLDER_MANIFEST), JSON.stringify(manifest, null, 1) + '\n');
    if (previous === 'empty') await rmdir(target);
    if (previous === 'ours') {
      // a signal between the two renames puts the previous set back
      trackTemporary(tmp, () => {
        rmSync(tmp, { force: true, recursive: true });
        if (!existsSync(target) && existsSync(old)) renameSync(old, target);
        else rmSync(old, { force: true, recursive: true });
      });
      await rename(target, old);
      movedAside = true;
    }
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    if (movedAside) await rename(old, target).catch(() => undefined);
    throw new CrowdError('IO_ERROR', `cannot write the folder ${dir}`, { source: dir, cause: err, found: String((err as Error).message) });
  } finally {
    untrackTemporary(tmp);
  }
  if (movedAside) await rm(old, { recursive: true, force: true });
}
