/** Edit distance between two strings (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * "; did you mean --epochs?" for the option parser's unknown-option error,
 * naming the command's closest flag (within a third of its length); empty
 * for any other error or when nothing is close.
 */
export function unknownFlagHint(err: unknown, options: readonly { rawName: string }[]): string {
  const m = /^Unknown option `(--?[^`]+)`/.exec(err instanceof Error ? err.message : '');
  if (m === null) return '';
  // the parser names the flag in camelCase (`--maxIteration`); the flags are kebab-case
  const given = (m[1] as string).replace(/^-+/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const flags = options.flatMap((o) => o.rawName.split(/[ ,]+/).filter((part) => part.startsWith('--')).map((part) => part.slice(2)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const flag of flags) {
    const d = distance(given, flag);
    if (d < bestDistance) [best, bestDistance] = [flag, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? `; did you mean --${best}?` : '';
}
