import { METHOD_DESCRIPTIONS } from '../methods.js';
import { printJson } from '../output.js';

/** Lists the method names with one line each. */
export function methodsCommand(o: { json?: boolean }): void {
  if (o.json === true) return printJson(Object.entries(METHOD_DESCRIPTIONS).map(([name, d]) => ({ name, command: d.kind, description: d.text })));
  const lines: string[] = [];
  for (const kind of ['aggregate', 'complete', 'train'] as const) {
    lines.push(`${kind} --method:`);
    for (const [name, d] of Object.entries(METHOD_DESCRIPTIONS)) if (d.kind === kind) lines.push(`  ${name.padEnd(14)} ${d.text}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
