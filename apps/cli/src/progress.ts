import cliProgress from 'cli-progress';
import type { ProgressEvent } from '@crowdlearn/neural';

/**
 * A progress bar on stderr for training, shown only when stderr is a TTY and
 * `--quiet` was not given. Returns the event handler and a function that
 * clears the bar.
 */
export function trainingProgress(quiet: boolean): { onProgress?: (e: ProgressEvent) => void; stop(): void } {
  if (quiet || !process.stderr.isTTY) return { stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{phase} |{bar}| epoch {epoch}/{epochs} loss {loss}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = '';
  return {
    onProgress: (e) => {
      if (e.type !== 'epoch') return;
      if (started !== e.phase) {
        if (started !== '') bar.stop();
        bar.start(e.epochs, 0, { phase: e.phase, epoch: 0, epochs: e.epochs, loss: '-' });
        started = e.phase;
      }
      bar.update(e.epoch, { phase: e.phase, epoch: e.epoch, epochs: e.epochs, loss: e.loss.toFixed(4) });
    },
    stop: () => {
      if (started !== '') bar.stop();
    },
  };
}
