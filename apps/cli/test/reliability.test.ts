import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { binaryInScratchFolder, interruptDuringWrite } from './binary.js';

// The regressions of the reliability review, each through the built binary as a user runs it.
const { dir, run, json, write } = binaryInScratchFolder('crowdlearn-cli-reliability-');

describe('features align by id, always', () => {
  it('.npy features follow their ids file, so the same labels in another row order give the same model', () => {
    json('simulate', '--items', '200', '--workers', '10', '--feature-dim', '6', '--seed', '4', '--out', 'sim');
    const lines = readFileSync(join(dir, 'sim/labels.csv'), 'utf8').trim().split('\n');
    // the same rows reversed: items now first appear in another order
    write('sim/reversed.csv', [lines[0], ...lines.slice(1).reverse()].join('\n') + '\n');
    const args = ['--gold', 'sim/gold.csv', '--features', 'sim/features.npy', '--method', 'mnldp', '--seed', '1'];
    const a = json('aggregate', 'sim/labels.csv', ...args);
    const b = json('aggregate', 'sim/reversed.csv', ...args);
    expect(b.accuracy).toBe(a.accuracy);
    expect(a.accuracy as number).toBeGreaterThan(0.8);
  });

  it('an .npy file without ids is an error unless the user says its rows follow the labels; a wrong ids file names both files', () => {
    mkdirSync(join(dir, 'bare'));
    writeFileSync(join(dir, 'bare/x.npy'), readFileSync(join(dir, 'sim/features.npy')));
    const r = run('aggregate', 'sim/labels.csv', '--features', 'bare/x.npy', '--method', 'mnldp');
    expect([r.code, r.stderr.trim()]).toEqual([2, "crowdlearn: x.npy: an .npy features file holds no item ids; expected x.ids.txt beside it (one item id per line), --feature-ids <file>, or --feature-order labels if its rows follow the labels file's item order"]);
    expect(json('aggregate', 'sim/labels.csv', '--features', 'bare/x.npy', '--feature-order', 'labels', '--method', 'mv').items).toBe(200);
    write('short.ids.txt', '0\n1\n2\n');
    const s = run('aggregate', 'sim/labels.csv', '--features', 'bare/x.npy', '--feature-ids', 'short.ids.txt', '--method', 'mnldp');
    expect([s.code, s.stderr.trim()]).toEqual([2, 'crowdlearn: short.ids.txt: short.ids.txt and x.npy differ in rows; expected 200 ids, one per row of x.npy, found 3 ids']);
  });

  it('a CSV feature table with an item twice is an error naming the line', () => {
    write('pairs.csv', 'item,worker,label\na,w1,x\nb,w1,y\na,w2,x\n');
    write('dup-features.csv', 'id,f1\na,1\nb,2\na,3\n');
    const r = run('aggregate', 'pairs.csv', '--features', 'dup-features.csv', '--method', 'mv');
    expect([r.code, r.stderr.trim()]).toEqual([2, 'crowdlearn: dup-features.csv:4: item "a" has a second feature row; expected one row per item (first on line 2)']);
  });
});

describe('multi-file outputs are one set', () => {
  it('simulate never touches a folder with the user\'s files, replaces its own output only with --force, and leaves no temporary folder', () => {
    mkdirSync(join(dir, 'project'));
    write('project/notes.txt', 'mine');
    const r = run('simulate', '--items', '20', '--workers', '3', '--out', 'project');
    expect([r.code, r.stderr.trim()]).toEqual([2, 'crowdlearn: project: holds files crowdlearn did not write; expected a new or empty folder (nothing in this one is touched)']);
    expect(readdirSync(join(dir, 'project'))).toEqual(['notes.txt']);
    json('simulate', '--items', '20', '--workers', '3', '--seed', '1', '--out', 'own');
    const again = run('simulate', '--items', '30', '--workers', '3', '--out', 'own');
    expect([again.code, again.stderr.trim()]).toEqual([2, 'crowdlearn: own: holds the output of crowdlearn simulate; expected replace: true (--force) to replace it']);
    expect(json('simulate', '--items', '30', '--workers', '3', '--out', 'own', '--force').items).toBe(30);
    expect(readFileSync(join(dir, 'own/gold.csv'), 'utf8').trim().split('\n')).toHaveLength(31);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp') || f.endsWith('.old'))).toEqual([]);
  });
});

describe('multi-file outputs under a signal', () => {
  it('a SIGINT while simulate writes its set leaves the previous set whole and no temporary folder', async () => {
    json('simulate', '--items', '10', '--workers', '3', '--seed', '2', '--out', 'kept');
    const before = readFileSync(join(dir, 'kept/labels.csv'), 'utf8');
    const temporary = () => readdirSync(dir).filter((f) => f.startsWith('.kept.') && f.endsWith('.tmp'));
    // a set of tens of megabytes, so that the signal can land during the write
    const { interrupted, signal } = await interruptDuringWrite(dir, ['simulate', '--items', '300000', '--workers', '50', '--feature-dim', '16', '--out', 'kept', '--force'], temporary);
    expect(temporary()).toEqual([]);
    const labels = readFileSync(join(dir, 'kept/labels.csv'), 'utf8');
    if (interrupted && signal === 'SIGINT') {
      expect(labels).toBe(before);
    } else {
      // the set was renamed into place between two polls: then it is the new set, whole
      expect(readFileSync(join(dir, 'kept/gold.csv'), 'utf8').trim().split('\n')).toHaveLength(300_001);
    }
  }, 60_000);
});

describe('readers fail with the file, the line and what was expected', () => {
  it('a header-only file is an error, not an empty result', () => {
    write('header-only.csv', 'question,worker,answer\n');
    const r = run('aggregate', 'header-only.csv');
    expect([r.code, r.stderr.trim()]).toEqual([2, 'crowdlearn: header-only.csv: no labels; expected at least one labelled record']);
  });

  it('bytes that are not UTF-8 are an error naming the line; --encoding latin1 reads them', () => {
    write('latin.csv', Buffer.concat([Buffer.from('question,worker,answer\nq1,w1,a\ncaf'), Buffer.from([0xe9]), Buffer.from(',w1,b\n')]));
    const r = run('aggregate', 'latin.csv');
    expect([r.code, r.stderr.trim()]).toEqual([2, 'crowdlearn: latin.csv:3: bytes that are not UTF-8; expected UTF-8 text (or --encoding latin1 for a Latin-1 file), found bytes e9 2c 77 31']);
    expect(json('aggregate', 'latin.csv', '--encoding', 'latin1').items).toBe(2);
  });

  it('a gzip bomb is refused after a few megabytes', () => {
    write('bomb.csv.gz', gzipSync(Buffer.alloc(64 * 1024 * 1024, 'a')));
    const r = run('aggregate', 'bomb.csv.gz');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^crowdlearn: bomb\.csv\.gz: the gzip file expands more than 200 times its size \(a decompression bomb\?\)/);
  });

  it('a header nobody recognises is an error asking for --columns, and --no-header keeps the row as a label', () => {
    write('odd.csv', 'img,rater,cls\na,w1,x\na,w2,x\nb,w1,y\nb,w2,y\n');
    const r = run('aggregate', 'odd.csv');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^crowdlearn: odd\.csv:1: the first row looks like a header: its item, worker and label occur nowhere else; expected --columns/);
    expect(json('aggregate', 'odd.csv', '--columns', 'item=img,worker=rater,label=cls').items).toBe(2);
    expect(json('aggregate', 'odd.csv', '--no-header').items).toBe(3);
  });

  it('two joined CSV files (a header again) are an error naming the line', () => {
    write('joined.csv', 'question,worker,answer\nq1,w1,1\nq2,w1,0\nquestion,worker,answer\nq3,w2,1\n');
    const r = run('stats', 'joined.csv');
    expect([r.code, r.stderr.trim()]).toEqual([2, 'crowdlearn: joined.csv:4: the header again (two files joined?); expected a label record (a header only on line 1), found question,worker,answer']);
  });

  it('gold rows for items without labels are a warning with their count', () => {
    write('few.csv', 'question,worker,answer\nq1,w1,1\nq1,w2,1\nq2,w1,0\n');
    write('some-gold.csv', 'question,truth\nq1,1\nq2,0\nzz,1\n');
    const r = run('aggregate', 'few.csv', '--gold', 'some-gold.csv', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('crowdlearn: warning: some-gold.csv: 1 gold row for items without labels left out (e.g. "zz")');
    expect((JSON.parse(r.stdout) as { goldItems: number }).goldItems).toBe(2);
  });

  it('JSON Lines and Rodrigues matrices stream, .gz too', () => {
    const jsonl = Array.from({ length: 30 }, (_, j) => JSON.stringify({ item: `i${j % 10}`, worker: `w${Math.floor(j / 10)}`, label: j % 2 })).join('\n');
    write('l.jsonl.gz', gzipSync(jsonl));
    expect(json('stats', 'l.jsonl.gz').labels).toBe(30);
    write('answers.txt.gz', gzipSync('0 -1 1 1 0\n-1 2 2 1 -1\n1 1 -1 0 0\n'));
    expect(json('stats', 'answers.txt.gz', '--format', 'rodrigues').labels).toBe(11);
  });
});
