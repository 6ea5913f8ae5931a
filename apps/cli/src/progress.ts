import cliProgress from 'cli-progress';
import type { RunContext } from '@crowdlearn/core-matrix';

/** What a command gives a method's run for its progress, and how it clears the bar. */
export interface RunProgress {
  /** The run context's progress handler; absent when nothing is shown. */
  onProgress?: RunContext['onProgress'];
  /** Clears the bar and restores the cursor. */
  stop(): void;
}

/**
 * A progress bar on stderr for a method's run (`phase |bar| done/total`,
 * with elapsed time and ETA), shown only when stderr is a TTY and neither
 * `--quiet` nor `--json` was given. A new phase (a DASC round, TLLC's
 * fine-tuning after pretraining) starts a new bar. Ctrl-C clears the bar
 * and shows the cursor again before the process ends.
 */
export function runProgress(quiet: boolean): RunProgress {
  if (quiet || !process.stderr.isTTY) return { stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{phase} |{bar}| {value}/{total} elapsed {duration_formatted} eta {eta_formatted}', hideCursor: true, clearOnComplete: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  let phase: string | undefined;
  const stop = () => {
    if (phase !== undefined) bar.stop();
    phase = undefined;
    process.off('SIGINT', interrupted);
  };
  function interrupted(): void {
    stop();
    process.exit(130);
  }
  process.once('SIGINT', interrupted);
  return {
    onProgress: (e) => {
      if (phase !== e.phase) {
        if (phase !== undefined) bar.stop();
        bar.start(e.total, 0, { phase: e.phase });
        phase = e.phase;
      }
      bar.update(e.done, { phase: e.phase });
    },
    stop,
  };
}
