import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';

/** The built binary, as a user runs it (the test command builds the workspace first). */
export const BIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/**
 * A scratch folder for one test file (removed after it) and the ways the
 * tests run the binary there: `run` gives the exit code and both streams,
 * `json` adds `--json`, expects exit 0 and parses standard output.
 */
export function binaryInScratchFolder(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CROWDLEARN_BACKEND: 'wasm' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const json = (...args: string[]) => {
    const r = run(...args, '--json');
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };
  const write = (name: string, content: string | Uint8Array) => {
    writeFileSync(join(dir, name), content);
    return name;
  };
  return { dir, run, json, write };
}

/** How an interrupted run ended, and whether the signal was sent (the run may have finished before). */
export interface InterruptedRun {
  interrupted: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Runs the binary in `dir` and sends it SIGINT as soon as a temporary
 * file or folder `temporary()` reports one: the moment a write is under way.
 */
export async function interruptDuringWrite(dir: string, args: string[], temporary: () => string[]): Promise<InterruptedRun> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: 'ignore' });
  let interrupted = false;
  const poll = setInterval(() => {
    if (!interrupted && temporary().length > 0) {
      interrupted = true;
      child.kill('SIGINT');
    }
  }, 1);
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  clearInterval(poll);
  return { interrupted, ...exit };
}
