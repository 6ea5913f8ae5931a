/**
 * The Markdown the suites write in their notes, as HTML for the report:
 * paragraphs, pipe tables (with `---:` right alignment), `- ` lists, and
 * inline `code` and **bold**. Anything else stays text (escaped), never raw
 * HTML.
 */
import { escapeXml } from './escape.js';

/** Inline Markdown of one line: escaped, then `code` and **bold**. */
function inline(text: string): string {
  return escapeXml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** The cells of a pipe-table row. */
function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

function table(lines: string[]): string {
  const [head, rule, ...body] = lines;
  const align = cells(rule ?? '').map((c) => (c.endsWith(':') ? 'right' : 'left'));
  const cell = (tag: 'th' | 'td', c: string, j: number) => `<${tag} style="text-align:${align[j] ?? 'left'}">${inline(c)}</${tag}>`;
  return `<table class="notes"><thead><tr>${cells(head ?? '').map((c, j) => cell('th', c, j)).join('')}</tr></thead><tbody>${body.map((l) => `<tr>${cells(l).map((c, j) => cell('td', c, j)).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The notes' lines (blank lines separate blocks) as HTML. */
export function markdownToHtml(lines: readonly string[]): string {
  const blocks: string[][] = [[]];
  for (const line of lines.flatMap((l) => l.split('\n'))) {
    if (line.trim() === '') blocks.push([]);
    else (blocks.at(-1) as string[]).push(line);
  }
  return blocks
    .filter((b) => b.length > 0)
    .map((b) => {
      if (b.length >= 2 && b.every((l) => l.trim().startsWith('|')) && /^\|?[\s:|-]+$/.test((b[1] as string).trim())) return table(b);
      if (b.every((l) => l.startsWith('- '))) return `<ul>${b.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`;
      return `<p>${b.map(inline).join(' ')}</p>`;
    })
    .join('');
}
