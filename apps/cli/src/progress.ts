import cliProgress from 'cli-progress';
import type { ProgressEvent } from '@crowdlearn/neural';
import type { TllcProgress } from '@crowdlearn/tllc';

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

/**
 * A progress bar on stderr for TLLC: pretraining epochs, then one step per
 * worker. Shown only on a TTY and without `--quiet`.
 */
export function completionProgress(quiet: boolean): { onProgress?: (e: TllcProgress) => void; stop(): void } {
  if (quiet || !process.stderr.isTTY) return { stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'tllc {stage} |{bar}| {value}/{total} {unit}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let stage = '';
  return {
    onProgress: (e) => {
      if (e.stage === 'pretrain') {
        if (e.training?.type !== 'epoch') return;
        if (stage !== 'pretrain') bar.start(e.training.epochs, 0, { stage: 'pretraining', unit: 'epochs' });
        stage = 'pretrain';
        bar.update(e.training.epoch);
        return;
      }
      if (e.stage !== 'complete') return;
      if (stage !== 'workers') {
        if (stage !== '') bar.stop();
        bar.start(e.workers, 0, { stage: 'fine-tuning and completing', unit: 'workers' });
        stage = 'workers';
      }
      bar.update(e.workersDone);
    },
    stop: () => {
      if (stage !== '') bar.stop();
    },
  };
}
