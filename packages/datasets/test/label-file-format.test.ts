import { describe, expect, it } from 'vitest';
import { detectLabelFormat, readLabelsText } from '../src/browser.js';

const triples = (r: ReturnType<typeof readLabelsText>) => {
  const { labels } = r;
  return Array.from({ length: labels.numLabels }, (_, e) =>
    [labels.items.idOf(labels.item[e] as number), labels.workers.idOf(labels.worker[e] as number), labels.classes.idOf(labels.label[e] as number)].join(':'),
  ).sort();
};

describe('a labels file as text, in any layout the CLI reads', () => {
  it('detects the layout from the content and the name, and a forced one must exist', () => {
    expect(detectLabelFormat('a.csv', 'task,worker,label\n')).toBe('long');
    expect(detectLabelFormat('a.txt', '[{"task":1}]')).toBe('json');
    expect(detectLabelFormat('a.csv', '\uFEFF{"task":1}\n')).toBe('jsonl');
    expect(detectLabelFormat('x.resp.gz', 'w1 i1 1\n')).toBe('ceka');
    expect(detectLabelFormat('answers.txt', '0 -1 1 -1 2\n')).toBe('rodrigues');
    expect(detectLabelFormat('w.csv', 'item;alice;bob\n')).toBe('wide');
    expect(() => detectLabelFormat('a.csv', '', 'xml')).toThrow('unknown format "xml"; expected long, wide, jsonl, json, ceka, rodrigues');
  });

  it('reads the same labels from every layout', () => {
    const expected = ['q1:w1:cat', 'q1:w2:dog', 'q2:w1:dog'];
    expect(triples(readLabelsText('task,worker,label\nq1,w1,cat\nq1,w2,dog\nq2,w1,dog\n', { source: 'a.csv' }))).toEqual(expected);
    expect(triples(readLabelsText('item\tw1\tw2\nq1\tcat\tdog\nq2\tdog\t\n', { source: 'a.tsv' }))).toEqual(expected);
    const jsonl = '{"task":"q1","worker":"w1","label":"cat"}\n{"task":"q1","worker":"w2","label":"dog"}\n{"task":"q2","worker":"w1","label":"dog"}\n';
    expect(triples(readLabelsText(jsonl, { source: 'a.jsonl' }))).toEqual(expected);
    expect(triples(readLabelsText(`[${jsonl.trim().split('\n').join(',')}]`, { source: 'a.json' }))).toEqual(expected);
    expect(triples(readLabelsText('0 1 -1 -1 -1\n1 -1 -1 -1 -1\n', { source: 'answers.txt' }))).toEqual(['0:0:0', '0:1:1', '1:0:1']);
  });

  it('names the file and the line of bad input', () => {
    expect(() => readLabelsText('task,worker,label\nq1,w1\n', { source: 'mine.csv' })).toThrow(/^mine\.csv:2/);
  });
});
