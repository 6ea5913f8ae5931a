import cliProgress from 'cli-progress';
import type { RunContext } from '@crowdlearn/core-matrix';

/** What a command gives a method's run for its progress, and how it clears the bar. */
export interface RunProgress {
  /** The run context's progress handler; absent when nothing is shown. */
  onProgress?: RunContext['onProgress'];
  /** Clears the bar and restores the cursor. */
  stop(): void;
}

/** Seconds as `1 h 02 min`, `3 min 05 s` or `12 s`. */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

/**
 * Progress for a log (standard error is not a terminal: a batch job, CI):
 * one plain line per tenth of each phase, and at least every 30 seconds,
 * with elapsed time and an estimate of what remains.
 */
function plainProgress(): RunProgress {
  const started = performance.now();
  let phase: string | undefined;
  let phaseStart = started;
  let lastTenth = -1;
  let lastLine = started;
  return {
    onProgress: (e) => {
      const now = performance.now();
      if (phase !== e.phase) [phase, phaseStart, lastTenth] = [e.phase, now, -1];
      const tenth = e.total > 0 ? Math.floor((10 * e.done) / e.total) : 0;
      if (tenth === lastTenth && now - lastLine < 30_000) return;
      lastTenth = tenth;
      lastLine = now;
      const elapsed = (now - started) / 1000;
      const rate = e.done > 0 ? (now - phaseStart) / 1000 / e.done : undefined;
      const eta = rate !== undefined && e.total > e.done ? `, about ${duration(rate * (e.total - e.done))} left in this phase` : '';
      process.stderr.write(`crowdlearn: ${e.phase} ${e.done}/${e.total} (${Math.round((100 * e.done) / Math.max(1, e.total))}%), ${duration(elapsed)} elapsed${eta}\n`);
    },
    stop: () => {},
  };
}

/**
 * A progress bar on stderr for a method's run (`phase |bar| done/total`,
 * with elapsed time and ETA) when stderr is a terminal, else plain lines
 * (every tenth of a phase, at least every 30 s); nothing with `--quiet` or
 * `--json`. A new phase (a DASC round, TLLC's
 * fine-tuning after pretraining) starts a new bar. Ctrl-C clears the bar
 * and shows the cursor again before the process ends.
 */
export function runProgress(quiet: boolean): RunProgress {
  if (quiet) return { stop: () => {} };
  if (!process.stderr.isTTY) return plainProgress();
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
