import { METHODS } from '../methods.js';
import { printJson } from '../output.js';

/** Lists the method names with one line each, by command. */
export function methodsCommand(o: { json?: boolean }): void {
  if (o.json === true) return printJson(METHODS.map(({ name, kind, text }) => ({ name, command: kind, description: text })));
  const lines: string[] = [];
  for (const kind of ['aggregate', 'complete', 'train'] as const) {
    lines.push(`${kind} --method:`);
    for (const m of METHODS) if (m.kind === kind) lines.push(`  ${m.name.padEnd(14)} ${m.text}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
