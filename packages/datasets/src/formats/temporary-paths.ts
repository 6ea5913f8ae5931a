import { rmSync } from 'node:fs';

/*
 * Temporary files and folders being written now, removed if the process is
 * interrupted (SIGINT, SIGTERM) before they are renamed into place; the
 * signal is then re-raised, so the process ends as it would have.
 */

/** Each temporary path and what undoes it (by default: remove it). */
const pending = new Map<string, () => void>();

function interrupted(signal: NodeJS.Signals): void {
  for (const undo of pending.values()) undo();
  pending.clear();
  process.off('SIGINT', interrupted);
  process.off('SIGTERM', interrupted);
  process.kill(process.pid, signal);
}

/**
 * Removes `tmp` (a file or a folder) if the process is interrupted before
 * {@link untrackTemporary}, or runs `undo` instead (which may also put back
 * what the write moved aside).
 */
export function trackTemporary(tmp: string, undo: () => void = () => rmSync(tmp, { force: true, recursive: true })): void {
  if (pending.size === 0) {
    process.on('SIGINT', interrupted);
    process.on('SIGTERM', interrupted);
  }
  pending.set(tmp, undo);
}

/** `tmp` is renamed into place or removed: no longer the signal handler's to remove. */
export function untrackTemporary(tmp: string): void {
  pending.delete(tmp);
  if (pending.size === 0) {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}
