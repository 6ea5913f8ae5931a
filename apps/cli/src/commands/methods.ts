import { METHODS, type MethodDescription } from '../methods.js';
import { printJson } from '../output.js';

/** What a method needs, in a few words for the listing. */
function needs(m: MethodDescription): string {
  const c = m.entry.capabilities;
  const parts = [c.needsFeatures ? 'needs features' : '', c.binaryOnly ? 'binary only' : ''].filter((p) => p !== '');
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/** Lists the method names with one line each, by command; `--json` adds each method's citation, options and capabilities. */
export function methodsCommand(o: { json?: boolean }): void {
  if (o.json === true) {
    return printJson(
      METHODS.map(({ name, kind, entry }) => ({
        name,
        command: kind,
        description: entry.summary,
        cite: entry.cite,
        options: entry.options,
        capabilities: entry.capabilities,
        presets: entry.presets,
      })),
    );
  }
  const lines: string[] = [];
  for (const kind of ['aggregate', 'complete', 'train', 'estimate', 'rank'] as const) {
    lines.push(`${kind} --method:`);
    for (const m of METHODS) if (m.kind === kind) lines.push(`  ${m.name.padEnd(14)} ${m.entry.summary}${needs(m)}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
