import { describe, expect, it } from 'vitest';
import { readJsonExport, readJsonLines, readLongLabels, readWideMatrix, similarClassNames } from '../src/index.js';

/** The labels as sorted `item worker label` triples with external ids. */
function triples(labels: { numLabels: number; item: Int32Array; worker: Int32Array; label: Int32Array; items: { idOf(i: number): unknown }; workers: { idOf(i: number): unknown }; classes: { idOf(i: number): unknown } }): string[] {
  return Array.from({ length: labels.numLabels }, (_, e) => `${String(labels.items.idOf(labels.item[e] as number))} ${String(labels.workers.idOf(labels.worker[e] as number))} ${String(labels.classes.idOf(labels.label[e] as number))}`).sort();
}

describe('platform exports, read as they are', () => {
  it('Amazon Mechanical Turk batch results: HITId is the item, WorkerId the worker, the Answer column the label; rejected assignments are left out with a count', () => {
    // the batch-results layout: HIT and assignment columns, Input.* then Answer.*
    const csv = [
      'HITId,HITTypeId,Title,AssignmentId,WorkerId,AssignmentStatus,WorkTimeInSeconds,Input.image_url,Answer.category',
      '3X1,3T9,Pets,A1,W_A,Approved,12,http://x/1.jpg,cat',
      '3X1,3T9,Pets,A2,W_B,Approved,9,http://x/1.jpg,cat',
      '3X1,3T9,Pets,A3,W_C,Rejected,2,http://x/1.jpg,dog',
      '3X2,3T9,Pets,A4,W_A,Submitted,15,http://x/2.jpg,dog',
      '3X2,3T9,Pets,A5,W_C,Approved,7,http://x/2.jpg,dog',
    ].join('\n');
    const r = readLongLabels(csv, { source: 'Batch_1_batch_results.csv' });
    expect(triples(r.labels)).toEqual(['3X1 W_A cat', '3X1 W_B cat', '3X2 W_A dog', '3X2 W_C dog']);
    expect(r.warnings).toEqual(['Batch_1_batch_results.csv: 1 record of rejected assignments left out']);
    // several Answer.* columns: the label column must be named
    const two = csv.replace('Answer.category', 'Answer.category,Answer.comment').split('\n').map((l, j) => (j === 0 ? l : `${l},ok`)).join('\n');
    expect(() => readLongLabels(two, { source: 'b.csv' })).toThrow(/b\.csv:1: several Answer\.\* columns; expected one, or --columns label=<Answer\.category \| Answer\.comment>/);
    expect(triples(readLongLabels(two, { source: 'b.csv', columns: { label: 'Answer.category' } }).labels)).toHaveLength(4);
  });

  it('Toloka results TSV: INPUT:* is the item, ASSIGNMENT:worker_id the worker, OUTPUT:* the label, GOLDEN:* the gold; rejected assignments are left out', () => {
    const tsv = [
      'INPUT:image\tOUTPUT:result\tGOLDEN:result\tHINT:text\tASSIGNMENT:link\tASSIGNMENT:task_id\tASSIGNMENT:assignment_id\tASSIGNMENT:worker_id\tASSIGNMENT:status\tASSIGNMENT:started',
      'https://x/1.png\tcat\tcat\t\thttps://t\t0001\taa\tw1\tACCEPTED\t2024-01-01',
      'https://x/1.png\tdog\tcat\t\thttps://t\t0001\tab\tw2\tACCEPTED\t2024-01-01',
      'https://x/2.png\tdog\t\t\thttps://t\t0002\tac\tw1\tSUBMITTED\t2024-01-01',
      'https://x/2.png\tcat\t\t\thttps://t\t0002\tad\tw3\tREJECTED\t2024-01-01',
    ].join('\n');
    const r = readLongLabels(tsv, { source: 'assignments.tsv' });
    expect(triples(r.labels)).toEqual(['https://x/1.png w1 cat', 'https://x/1.png w2 dog', 'https://x/2.png w1 dog']);
    expect(r.gold?.size).toBe(1);
    expect(r.labels.classes.idOf(r.gold?.get(0) as number)).toBe('cat');
    expect(r.warnings).toEqual(['assignments.tsv: 1 record of rejected assignments left out']);
  });

  it('Label Studio JSON export: each annotation of a task is a label by its author; cancelled ones are left out', () => {
    const json = JSON.stringify([
      { id: 11, data: { image: '/data/1.jpg' }, annotations: [
        { id: 1, completed_by: 1, was_cancelled: false, result: [{ from_name: 'choice', to_name: 'image', type: 'choices', value: { choices: ['Cat'] } }] },
        { id: 2, completed_by: { id: 2, email: 'b@x.org' }, result: [{ from_name: 'choice', to_name: 'image', type: 'choices', value: { choices: ['Dog'] } }] },
        { id: 3, completed_by: 3, was_cancelled: true, result: [] },
      ] },
      { id: 12, data: { image: '/data/2.jpg' }, annotations: [{ id: 4, completed_by: 1, result: [{ type: 'choices', value: { choices: ['Dog'] } }] }] },
    ]);
    const r = readJsonExport(json, { source: 'export.json' });
    expect(triples(r.labels)).toEqual(['11 1 Cat', '11 b@x.org Dog', '12 1 Dog']);
    expect(r.warnings).toEqual(['export.json: 1 record of cancelled annotations left out']);
    // an array of flat records reads as JSON Lines does
    expect(triples(readJsonExport('[{"task":"t1","worker":"w","label":"x"}]').labels)).toEqual(['t1 w x']);
  });

  it('JSON Lines with task or Prodigy keys, and --columns keys', () => {
    expect(triples(readJsonLines('{"task":"t1","worker":"w1","label":"a"}\n{"task":"t1","worker":"w2","label":"b"}\n').labels)).toEqual(['t1 w1 a', 't1 w2 b']);
    const prodigy = [
      '{"text":"good film","_input_hash":101,"_task_hash":7,"accept":["POSITIVE"],"answer":"accept","_annotator_id":"ann-a","_session_id":"ann-a"}',
      '{"text":"good film","_input_hash":101,"_task_hash":7,"accept":["NEGATIVE"],"answer":"accept","_annotator_id":"ann-b","_session_id":"ann-b"}',
      '{"text":"dull","_input_hash":102,"_task_hash":8,"accept":[],"answer":"reject","_annotator_id":"ann-a","_session_id":"ann-a"}',
    ].join('\n');
    const p = readJsonLines(prodigy, { source: 'prodigy.jsonl' });
    expect(triples(p.labels)).toEqual(['101 ann-a POSITIVE', '101 ann-b NEGATIVE']);
    expect(p.warnings).toEqual(['prodigy.jsonl: 1 record with a Prodigy "reject" answer left out']);
    expect(triples(readJsonLines('{"doc":"d1","who":"w1","tag":"x"}', { columns: { item: 'doc', worker: 'who', label: 'tag' } }).labels)).toEqual(['d1 w1 x']);
  });

  it('a wide item x worker matrix (empty cell: no label), and semicolon-separated long files', () => {
    const wide = readWideMatrix('item,alice,bob,carol\ni1,cat,,dog\ni2,,dog,dog\n', { source: 'wide.csv' });
    expect(triples(wide.labels)).toEqual(['i1 alice cat', 'i1 carol dog', 'i2 bob dog', 'i2 carol dog']);
    expect(triples(readLongLabels('task;worker;label\nt1;w1;a\nt1;w2;b\n').labels)).toEqual(['t1 w1 a', 't1 w2 b']);
  });

  it('label policies: empty labels skipped or refused, labels normalised, names differing only in case found', () => {
    const text = 'task,worker,label\nt1,w1,cat\nt1,w2,Cat\nt2,w1,cat \nt2,w2,\n';
    expect(() => readLongLabels(text, { source: 'l.csv' })).toThrow(/l\.csv:5:3: empty label; expected a label \(or --empty skip\)/);
    const raw = readLongLabels(text, { source: 'l.csv', emptyLabels: 'skip' });
    expect(raw.warnings).toEqual(['l.csv: 1 record with an empty label left out']);
    expect(raw.labels.numClasses).toBe(3);
    expect(similarClassNames(raw.labels)).toEqual([['Cat', 'cat', 'cat ']]);
    const folded = readLongLabels(text, { source: 'l.csv', emptyLabels: 'skip', normalizeLabels: true });
    expect(folded.labels.classes.ids()).toEqual(['cat']);
    expect(similarClassNames(folded.labels)).toEqual([]);
  });
});

describe('licenses', () => {
  it('LICENSES.md lists every bundled dataset with its terms, and the terms follow the license text', async () => {
    const { readFileSync } = await import('node:fs');
    const { listDatasets, licenseTerms } = await import('../src/index.js');
    const text = readFileSync(new URL('../LICENSES.md', import.meta.url), 'utf8');
    for (const m of listDatasets()) expect(text).toContain(`| \`${m.name}\` | ${m.terms} |`);
    expect(listDatasets().find((m) => m.name === 'cifar10n')?.terms).toBe('non-commercial');
    expect(listDatasets().find((m) => m.name === 'leaves-oak')?.terms).toBe('copyleft');
    expect(licenseTerms('MIT (repository); the data is the Snow et al. release without an explicit license')).toBe('unstated');
    expect(licenseTerms('Apache-2.0')).toBe('permissive');
  });
});
