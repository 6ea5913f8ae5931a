import { rmSync } from 'node:fs';

/*
 * Temporary files and folders being written now, removed if the process is
 * interrupted (SIGINT, SIGTERM) before they are renamed into place; the
 * signal is then re-raised, so the process ends as it would have.
 */

const pending = new Set<string>();

function interrupted(signal: NodeJS.Signals): void {
  for (const tmp of pending) rmSync(tmp, { force: true, recursive: true });
  pending.clear();
  process.off('SIGINT', interrupted);
  process.off('SIGTERM', interrupted);
  process.kill(process.pid, signal);
}

/** Removes `tmp` (a file or a folder) if the process is interrupted before {@link untrackTemporary}. */
export function trackTemporary(tmp: string): void {
  if (pending.size === 0) {
    process.on('SIGINT', interrupted);
    process.on('SIGTERM', interrupted);
  }
  pending.add(tmp);
}

/** `tmp` is renamed into place or removed: no longer the signal handler's to remove. */
export function untrackTemporary(tmp: string): void {
  pending.delete(tmp);
  if (pending.size === 0) {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}
