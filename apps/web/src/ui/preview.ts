/**
 * The first rows of a dropped file, its detected layout and, for a
 * delimited file with a header, which column the reader will take as item,
 * worker, label and gold: each a select the user can change.
 */
import { detectLabelFormat, KNOWN_COLUMN_NAMES, LABEL_FORMATS, parseDelimited, wideDelimiter } from '@crowdlearn/datasets/browser';
import type { ReadingOptions } from '../protocol.js';
import { h } from './dom.js';

/** Rows shown. */
const PREVIEW_ROWS = 8;

const ROLES = ['item', 'worker', 'label', 'gold'] as const;

/** The start of a file's text, the reading options chosen, and a callback when the user changes them. */
export function previewElement(name: string, head: string, reading: ReadingOptions, onChange: (reading: ReadingOptions) => void): HTMLElement {
  const detected = detectLabelFormat(name, head);
  const format = (reading.format ?? detected) as (typeof LABEL_FORMATS)[number];
  const formatSelect = h('select', { id: 'format-select' }, ...LABEL_FORMATS.map((f) => h('option', { value: f, selected: f === format }, f === detected ? `${f} (detected)` : f)));
  formatSelect.addEventListener('change', () => onChange({ ...reading, format: formatSelect.value, columns: undefined } as ReadingOptions));
  const parts: HTMLElement[] = [h('label', {}, 'layout ', formatSelect)];
  // only whole lines of the head: the last one may be cut
  const lines = head.split(/\r\n|\r|\n/).slice(0, PREVIEW_ROWS + 1);
  if (format === 'long' || format === 'wide') {
    let rows: string[][] = [];
    try {
      rows = parseDelimited(lines.join('\n'), wideDelimiter(lines[0] ?? ''), name).map((r) => r.fields);
    } catch {
      rows = lines.map((l) => [l]);
    }
    const header = rows[0] ?? [];
    if (format === 'long' && reading.header !== false) {
      const mapping = h('span', { class: 'mapping' });
      for (const role of ROLES) {
        const chosen = reading.columns?.[role] ?? detectedColumn(header, role);
        const select = h('select', { 'data-role': role }, h('option', { value: '' }, role === 'gold' ? '(none)' : '(detected)'), ...header.map((c) => h('option', { value: c, selected: c === chosen }, c)));
        select.addEventListener('change', () => {
          const columns = { ...reading.columns };
          if (select.value === '') delete columns[role];
          else columns[role] = select.value;
          onChange({ ...reading, columns });
        });
        mapping.append(h('label', {}, `${role} `, select));
      }
      parts.push(mapping);
    }
    const noHeader = h('input', { type: 'checkbox', id: 'no-header', checked: reading.header === false });
    noHeader.addEventListener('change', () => onChange({ ...reading, header: noHeader.checked ? false : undefined } as ReadingOptions));
    if (format === 'long') parts.push(h('label', { title: 'the first row is a label, whatever it looks like (--no-header)' }, noHeader, ' no header row'));
    const table = h('table', { class: 'preview-rows' }, ...rows.map((r, j) => h('tr', {}, ...r.map((f) => h(j === 0 && reading.header !== false ? 'th' : 'td', {}, f)))));
    parts.push(table);
  } else {
    parts.push(h('pre', { class: 'preview-text' }, lines.join('\n')));
  }
  return h('div', { class: 'preview' }, ...parts);
}

/** The header field the reader would take for `role` by its known names (case-insensitive); '' when none. */
function detectedColumn(header: string[], role: (typeof ROLES)[number]): string {
  const known = KNOWN_COLUMN_NAMES[role] ?? [];
  return header.find((f) => known.includes(f.trim().toLowerCase())) ?? '';
}
