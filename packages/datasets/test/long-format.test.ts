import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CrowdLabels, GoldLabels, isCrowdError, mergeCompleted, Rng } from '@crowdlearn/core-matrix';
import { parseDelimited, readLongGold, readNumericGoldText, readNumericLabelsText, readPairwiseText, readMultiLabelText, readLongLabels, readLongLabelsFile, writeLongCsv, writeLongCsvFile } from '../src/index.js';
import { thrown } from './thrown.js';

const dir = mkdtempSync(join(tmpdir(), 'crowdlearn-long-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('parseDelimited', () => {
  it('handles quotes, escaped quotes, delimiters and newlines inside quotes', () => {
    const rows = parseDelimited('a,"b,c","say ""hi"""\n"multi\nline",x,\n', ',');
    expect(rows).toEqual([
      { fields: ['a', 'b,c', 'say "hi"'], line: 1 },
      { fields: ['multi\nline', 'x', ''], line: 2 },
    ]);
  });

  it('handles BOM, \\r, \\r\\n and blank lines, counting lines', () => {
    const rows = parseDelimited('\ufeffa,b\r\rc,d\r\ne,f', ',');
    expect(rows).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['c', 'd'], line: 3 },
      { fields: ['e', 'f'], line: 4 },
    ]);
  });

  it('splits whitespace files on runs of spaces and tabs', () => {
    expect(parseDelimited('1 \t 2   3\n', 'whitespace')[0]?.fields).toEqual(['1', '2', '3']);
  });

  it('rejects a bad quote with line and column', () => {
    const e = thrown(() => parseDelimited('a,b\nc,"d"x\n', ',', 'f.csv'));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toBe('f.csv:2:6: text after a closing quote; expected a delimiter or the end of the record, found "x"');
    expect(thrown(() => parseDelimited('a,"b\n', ',', 'g.csv')).message).toMatch(/^g\.csv:1: unterminated quoted field/);
  });
});

describe('readLongLabels', () => {
  it("reads crowd-kit's task,worker,label", () => {
    const { labels, gold } = readLongLabels('task,worker,label\nt1,w1,a\nt1,w2,b\nt2,w1,a\n');
    expect([labels.numItems, labels.numWorkers, labels.numLabels]).toEqual([2, 2, 3]);
    expect(labels.classes.ids()).toEqual(['a', 'b']);
    expect(gold).toBeUndefined();
  });

  it("reads the benchmark's question,worker,answer with columns in any order", () => {
    const { labels } = readLongLabels('worker,answer,question\nw1,1,q1\nw2,0,q1\n');
    expect(labels.items.ids()).toEqual(['q1']);
    expect(labels.classes.ids()).toEqual(['0', '1']);
    expect(labels.label[labels.findLabel(0, 0)]).toBe(1);
  });

  it('reads headerless files by position and explicit mappings by name', () => {
    const a = readLongLabels('w1\ti1\t1\ti1gold\n', { header: false, columns: { worker: 0, item: 1, label: 2 } });
    expect(a.labels.items.ids()).toEqual(['i1']);
    const b = readLongLabels('who;what;said\nw;i;y\n', { delimiter: ';', columns: { worker: 'who', item: 'what', label: 'said' } });
    expect(b.labels.classes.ids()).toEqual(['y']);
  });

  it('reads a gold column repeated on each row and rejects conflicting gold', () => {
    const { gold } = readLongLabels('item,annotator,label,gold\ni,a,x,x\ni,b,y,x\nj,a,y,y\n');
    expect(gold?.size).toBe(2);
    const e = thrown(() => readLongLabels('item,annotator,label,gold\ni,a,x,x\ni,b,y,y\n', { source: 'g.csv' }));
    expect(e.line).toBe(3);
    expect(e.column).toBe(4);
  });

  it('reads the raw Music file with \\r line endings', () => {
    const { labels, gold } = readLongLabels('WorkerID,Input.song,Input.true_label,Answer.pred_label\rw1,s1,rock,pop\rw2,s1,rock,rock\r', {
      columns: { worker: 'WorkerID', item: 'Input.song', label: 'Answer.pred_label', gold: 'Input.true_label' },
    });
    expect(labels.numLabels).toBe(2);
    expect(labels.classes.idOf(gold?.get(0) as number)).toBe('rock');
  });

  it('rejects short rows, unknown classes and duplicates with the line', () => {
    expect(thrown(() => readLongLabels('task,worker,label\nt,w\n', { source: 'a.csv' })).message).toBe(
      'a.csv:2:3: too few fields; expected at least 3 fields, found 2',
    );
    const e = thrown(() => readLongLabels('task,worker,label\nt,w,a\nt,v,z\n', { classes: ['a', 'b'], source: 'b.csv' }));
    expect([e.code, e.line]).toEqual(['UNKNOWN_CLASS', 3]);
    const d = thrown(() => readLongLabels('task,worker,label\nt,w,a\n\nu,w,a\nt,w,b\n', { source: 'c.csv' }));
    expect([d.code, d.line]).toEqual(['DUPLICATE_LABEL', 5]);
    expect(d.message).toContain('(line 2 and line 5)');
    expect(readLongLabels('task,worker,label\nt,w,a\nt,w,b\n', { duplicatePolicy: 'keepLast' }).labels.numLabels).toBe(1);
    expect(thrown(() => readLongLabels('a,b,c\nx,y,z\n', { columns: { item: 'task' } })).message).toMatch(/no column named "task"/);
  });
});

describe('readLongGold', () => {
  const { labels } = readLongLabels('task,worker,label\nt1,w,a\nt2,w,b\n');

  it("reads crowd-kit's task,true_label and the benchmark's question,truth", () => {
    expect(readLongGold('task,true_label\nt1,b\n', labels).get(0)).toBe(1);
    expect(readLongGold('question,truth\nt2,a\n', labels).get(1)).toBe(0);
    expect(readLongGold('t1\tb\n', labels, { header: false }).size).toBe(1);
  });

  it('reads a gold file whose gold column is named like a label (item,label), not the header as a row', () => {
    const gold = readLongGold('item,label\nt1,b\nt2,a\n', labels);
    expect([gold.size, gold.get(0), gold.get(1)]).toEqual([2, 1, 0]);
    expect(readLongGold('worker,task,label\nw,t2,b\n', labels).get(1)).toBe(1);
    // a file with both keeps the truth column
    expect(readLongGold('item,label,truth\nt1,a,b\n', labels).get(0)).toBe(1);
  });

  it('rejects an unknown class and an unknown item with the line', () => {
    const e = thrown(() => readLongGold('task,true_label\nt1,a\nt2,zzz\n', labels, { source: 'gold.csv' }));
    expect([e.code, e.line]).toEqual(['UNKNOWN_CLASS', 3]);
    expect(thrown(() => readLongGold('task,true_label\nt9,a\n', labels)).code).toBe('UNKNOWN_ID');
    expect(readLongGold('task,true_label\nt9,a\n', labels, { unknownItems: 'ignore' }).size).toBe(0);
  });
});

describe('writer round trip', () => {
  it('writes and reads back labels, origins and gold, quoting where needed', () => {
    const base = CrowdLabels.fromObservations([
      { item: 'a,1', worker: 'w "x"', label: 'yes' },
      { item: 'b', worker: 'v', label: 'no' },
    ]);
    const merged = mergeCompleted(base, { item: Int32Array.of(1), worker: Int32Array.of(0), label: Int32Array.of(1) }).labels;
    const gold = GoldLabels.fromPairs(2, 2, [0], [1]);
    const text = writeLongCsv(merged, { gold });
    const back = readLongLabels(text);
    expect(back.labels.items.ids()).toEqual(['a,1', 'b']);
    expect(back.labels.workers.ids()).toEqual(['w "x"', 'v']);
    expect(Array.from(back.labels.label)).toEqual(Array.from(merged.label));
    expect(back.labels.numCompleted).toBe(1);
    expect(back.gold?.get(0)).toBe(1);
    expect(back.gold?.has(1)).toBe(false);
  });

  it('streams a file through the same reader, and writes files atomically', async () => {
    const rng = new Rng(1);
    const rows = ['question,worker,answer'];
    for (let i = 0; i < 5000; i++) rows.push(`q${i % 700},w${Math.floor(i / 700)},${rng.int(3)}`);
    const path = join(dir, 'big.csv');
    writeFileSync(path, rows.join('\r\n'));
    const fromFile = await readLongLabelsFile(path);
    const fromText = readLongLabels(rows.join('\n'));
    expect(Array.from(fromFile.labels.label)).toEqual(Array.from(fromText.labels.label));
    const out = join(dir, 'out.csv');
    await writeLongCsvFile(out, fromFile.labels);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('task,worker,label');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await expect(readLongLabelsFile(join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'IO_ERROR' });
    await expect(writeLongCsvFile(join(dir, 'no/such/dir.csv'), fromFile.labels)).rejects.toMatchObject({ code: 'IO_ERROR' });
  });
});

describe('fuzz', () => {
  it('mutated files give a result or a typed error, never anything else', () => {
    const seedText = 'task,worker,label,true_label\n"t,1",w1,a,a\nt2,w1,b,\nt2,w2,a,\nt3,w3,"b",b\n';
    const rng = new Rng(2024);
    const alphabet = [',', '"', '\n', '\r', 'a', 'b', 't', '\t', '', ' ', '\ufeff'];
    let typed = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const chars = seedText.split('');
      const edits = 1 + rng.int(4);
      for (let k = 0; k < edits; k++) {
        const at = rng.int(chars.length + 1);
        const what = alphabet[rng.int(alphabet.length)] as string;
        if (rng.bernoulli(0.5)) chars.splice(at, 1, what);
        else chars.splice(at, 0, what);
      }
      try {
        readLongLabels(chars.join(''));
      } catch (e) {
        if (!isCrowdError(e)) throw new Error(`untyped error on ${JSON.stringify(chars.join(''))}: ${String(e)}`);
        typed++;
      }
    }
    expect(typed).toBeGreaterThan(100);
  });
});

describe('numeric answers', () => {
  it("reads the benchmark's question,worker,answer with a truth column, and a truth file", () => {
    const { labels, truth } = readNumericLabelsText('question,worker,answer,truth\nq1,w1,10,12\nq1,w2,14,12\nq2,w1,3.5,\n', { source: 'a.csv' });
    expect([labels.numItems, labels.numWorkers, labels.numLabels]).toEqual([2, 2, 3]);
    expect(Array.from(labels.value)).toEqual([10, 14, 3.5]);
    expect(Array.from(truth ?? [])).toEqual([12, Number.NaN]);
    expect(Array.from(readNumericGoldText('question,truth\nq2,4\nq9,1\n', labels, { source: 't.csv' }))).toEqual([Number.NaN, 4]);
  });

  it('names the line of an answer that is not a number (categorical labels given to a numeric reader)', () => {
    expect(() => readNumericLabelsText('item,worker,label\ni1,w1,3\ni2,w1,cat\n', { source: 'labels.csv' })).toThrow(/labels\.csv:3: answer "cat" is not a number/);
    expect(() => readNumericLabelsText('item,worker,label,truth\ni1,w1,3,x\n', { source: 'g.csv' })).toThrow(/g\.csv:2: truth "x" is not a number/);
  });
});

describe('pairwise comparisons', () => {
  it("reads crowd-kit's left,right,label,worker in any column order, and names a malformed row's line", () => {
    const c = readPairwiseText('worker,left,right,label\nw1,a,b,a\nw2,b,c,c\n', { source: 'p.csv' });
    expect([c.numItems, c.numWorkers, c.numComparisons, Array.from(c.leftWins)]).toEqual([3, 2, 2, [1, 0]]);
    expect(() => readPairwiseText('left,right,winner,worker\na,b,a,w1\nc,c,c,w1\n', { source: 'p.csv' })).toThrow(/p\.csv:3: item "c" is compared with itself/);
    expect(() => readPairwiseText('left,right,winner\na,b,a\n', { source: 'p.csv' })).toThrow(/the header does not name every column/);
  });
});

describe('multi-label answers', () => {
  it('reads label lists separated by | or as JSON arrays, and names the line of an empty list', () => {
    const a = readMultiLabelText('task,worker,label\nt1,w1,house|tree\nt1,w2,"[""house""]"\n', { source: 'm.csv' });
    expect([a.items.size, a.workers.size, a.classes.ids(), Array.from(a.offsets)]).toEqual([1, 2, ['house', 'tree'], [0, 2, 3]]);
    expect(() => readMultiLabelText('task,worker,label\nt1,w1,house\nt2,w1, | \n', { source: 'm.csv' })).toThrow(/m\.csv:3: an empty label set for item "t2"/);
  });
});
