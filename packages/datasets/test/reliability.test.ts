import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CrowdError } from '@crowdlearn/core-matrix';
import {
  decodeText,
  readArff,
  readCeka,
  readJsonLines,
  readJsonLinesFile,
  readLongLabels,
  readLongLabelsFile,
  readRodriguesMatrix,
  readRodriguesMatrixFile,
  readTextFile,
} from '../src/index.js';
import { thrown } from './thrown.js';

const dir = mkdtempSync(join(tmpdir(), 'crowdlearn-reliability-'));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function rejected(promise: Promise<unknown>): Promise<CrowdError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof CrowdError) return e;
    throw e;
  }
  throw new Error('expected a CrowdError');
}

describe('text: strict UTF-8, Latin-1 on request', () => {
  // "café" in Latin-1: the é is the single byte 0xe9, not UTF-8
  const latin1 = Uint8Array.from([...Buffer.from('item,worker,label\na,w1,x\ncaf'), 0xe9, ...Buffer.from(',w2,y\n')]);

  it('invalid UTF-8 is an error naming the line, not a U+FFFD that merges ids', async () => {
    const e = thrown(() => decodeText(latin1, 'latin.csv'));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toMatch(/latin\.csv:3: bytes that are not UTF-8; expected UTF-8 text \(or --encoding latin1/);
    const f = await rejected(readLongLabelsFile(file('latin.csv', latin1)));
    expect(f.line).toBe(3);
  });

  it('reads Latin-1 when told, and keeps café and cafè apart', async () => {
    const both = Uint8Array.from([...Buffer.from('a,w1,x\ncaf'), 0xe9, ...Buffer.from(',w1,x\ncaf'), 0xe8, ...Buffer.from(',w1,y\n')]);
    const { labels } = await readLongLabelsFile(file('both.csv', both), { encoding: 'latin1' });
    expect(labels.items.ids()).toEqual(['a', 'café', 'cafè']);
  });

  it('a file ending inside a UTF-8 character is an error', () => {
    const cut = Uint8Array.from([...Buffer.from('a,w,x\nb,w,'), 0xc3]);
    expect(thrown(() => decodeText(cut, 'cut.csv')).message).toMatch(/cut\.csv:2: the file ends inside a UTF-8 character/);
  });
});

describe('gzip: streamed, guarded, and every failure names the file', () => {
  const csv = 'item,worker,label\n' + Array.from({ length: 500 }, (_, j) => `i${j % 50},w${Math.floor(j / 50)},${j % 3}`).join('\n') + '\n';

  it('reads .gz labels streaming, as the plain file', async () => {
    const plain = await readLongLabelsFile(file('l.csv', csv));
    const gz = await readLongLabelsFile(file('l.csv.gz', gzipSync(csv)));
    expect(Array.from(gz.labels.label)).toEqual(Array.from(plain.labels.label));
    expect(gz.labels.items.ids()).toEqual(plain.labels.items.ids());
  });

  it('a corrupt or truncated gzip stream is a PARSE_ERROR naming the file', async () => {
    const whole = gzipSync(csv);
    const corrupt = Uint8Array.from(whole);
    corrupt[20] = corrupt[20]! ^ 0xff;
    for (const bytes of [corrupt, whole.subarray(0, whole.length - 9), Buffer.from('not gzip at all')]) {
      const path = file('bad.csv.gz', bytes);
      const e = await rejected(readLongLabelsFile(path));
      expect(e.code).toBe('PARSE_ERROR');
      expect(e.message).toMatch(/^bad\.csv\.gz: /);
      expect(thrown(() => readTextFile(path)).message).toMatch(/^bad\.csv\.gz: /);
    }
  });

  it('a decompression bomb is refused after a few megabytes, streaming or whole', async () => {
    // 64 MiB of zeros compresses about 1,000 times
    const bomb = file('bomb.csv.gz', gzipSync(Buffer.alloc(64 * 1024 * 1024)));
    const e = await rejected(readLongLabelsFile(bomb));
    expect(e.message).toMatch(/bomb\.csv\.gz: the gzip file expands more than 200 times its size/);
    expect(thrown(() => readTextFile(bomb)).message).toMatch(/expands more than 200 times/);
  });

  it('a missing file or a directory is an IO_ERROR naming the path', async () => {
    expect((await rejected(readLongLabelsFile(join(dir, 'none.csv')))).code).toBe('IO_ERROR');
    const e = await rejected(readLongLabelsFile(dir));
    expect(e.code).toBe('IO_ERROR');
    expect(thrown(() => readTextFile(dir)).message).toMatch(/is a directory/);
  });

  it('JSON Lines and Rodrigues matrices stream from files (.gz too) as their string readers read them', async () => {
    const jsonl = Array.from({ length: 40 }, (_, j) => JSON.stringify({ item: `i${j % 10}`, worker: `w${Math.floor(j / 10)}`, label: j % 2 })).join('\r\n');
    const a = readJsonLines(jsonl);
    const b = await readJsonLinesFile(file('l.jsonl.gz', gzipSync(jsonl)));
    expect(Array.from(b.labels.label)).toEqual(Array.from(a.labels.label));
    expect(b.labels.items.ids()).toEqual(a.labels.items.ids());
    const answers = '0 -1 1\n-1 2 2\n1 1 -1\n';
    const m = readRodriguesMatrix(answers);
    const n = await readRodriguesMatrixFile(file('answers.txt', answers));
    expect(Array.from(n.labels.label)).toEqual(Array.from(m.labels.label));
    expect(Array.from(n.labels.worker)).toEqual(Array.from(m.labels.worker));
  });
});

describe('headers: where they are, and ones nobody recognises', () => {
  it('a header again after the data (two files joined) is an error naming its line', () => {
    const e = thrown(() => readLongLabels('task,worker,label\na,w1,x\nb,w1,y\ntask,worker,label\nc,w2,x\n', { source: 'joined.csv' }));
    expect(e.message).toMatch(/^joined\.csv:4: the header again \(two files joined\?\)/);
  });

  it('a known header after line 1 of a headerless file is an error', () => {
    const e = thrown(() => readLongLabels('a,w1,x\nb,w1,y\nquestion,worker,answer\nc,w2,x\n', { source: 'late.csv' }));
    expect(e.message).toMatch(/^late\.csv:3: a header after the first line/);
  });

  it('a first row naming one known column is a header the reader cannot place: an error asking for --columns', () => {
    const e = thrown(() => readLongLabels('image,annotator,class\na,w1,x\nb,w2,y\n', { source: 'odd.csv' }));
    expect(e.message).toMatch(/^odd\.csv:1: the first row looks like a header.*--columns item=<name>.*"annotator"/);
    // with the columns named, it reads
    expect(readLongLabels('image,annotator,class\na,w1,x\nb,w2,y\n', { columns: { item: 'image', worker: 'annotator', label: 'class' } }).labels.numLabels).toBe(2);
  });

  it('a first row whose values occur nowhere else is an unrecognised header, unless there is no header by choice', () => {
    const text = 'img,rater,cls\na,w1,x\na,w2,x\nb,w1,y\nb,w2,y\n';
    expect(thrown(() => readLongLabels(text, { source: 'r.csv' })).message).toMatch(/^r\.csv:1: the first row looks like a header: its item, worker and label occur nowhere else; expected --columns .* or --no-header/);
    expect(readLongLabels(text, { header: false }).labels.numLabels).toBe(5);
    // an ordinary first row is data
    expect(readLongLabels('a,w1,x\na,w2,x\nb,w1,y\nb,w2,y\n').labels.numLabels).toBe(4);
  });

  it('a header-only file is an error, not an empty result', () => {
    expect(thrown(() => readLongLabels('task,worker,label\n', { source: 'h.csv' })).message).toMatch(/^h\.csv: no labels/);
  });
});

describe('ids: suspicious ones are errors or counted warnings', () => {
  it('an empty id, a NUL or a byte-order mark inside an id is an error naming the line', () => {
    expect(thrown(() => readLongLabels('a,w1,x\n,w1,y\n', { source: 'e.csv' })).message).toMatch(/^e\.csv:2: item id is empty/);
    expect(thrown(() => readLongLabels('a,w1,x\nb,w\u00002,y\n', { source: 'n.csv' })).message).toMatch(/^n\.csv:2: worker id holds a NUL character/);
    expect(thrown(() => readLongLabels('a,w1,x\n\uFEFFb,w1,y\n', { source: 'b.csv' })).message).toMatch(/^b\.csv:2: item id holds a byte-order mark/);
  });

  it('ids with spaces at an end are kept as written and counted in a warning', () => {
    const { labels, warnings } = readLongLabels('a,w1,x\na ,w1,y\nb, w2,y\n', { source: 's.csv' });
    expect(labels.numItems).toBe(3);
    expect(warnings).toEqual(['s.csv: 1 item id with spaces at the start or end, kept as written (e.g. "a ")', 's.csv: 1 worker id with spaces at the start or end, kept as written (e.g. " w2")']);
  });
});

describe('strict numbers and unique rows in feature formats', () => {
  const arff = (value: string) => `@relation r\n@attribute f numeric\n@attribute c {a,b}\n@data\n${value},a\n1,b\n`;

  it('ARFF: an empty value or a hexadecimal number is an error naming the line, not 0 or 16', () => {
    expect(thrown(() => readArff(arff(''), { source: 'x.arff' })).message).toMatch(/^x\.arff:5: non-numeric value in attribute "f"/);
    expect(thrown(() => readArff(arff('0x10'), { source: 'x.arff' })).message).toMatch(/found "0x10"/);
    expect(readArff(arff('-1.5e-3')).features.data[0]).toBeCloseTo(-0.0015, 9);
  });

  it('an item with two feature rows is an error (the last row does not silently win)', () => {
    const ids = `@relation r\n@attribute f numeric\n@data\n1\n2\n@ID-MAP\na\na\n`;
    expect(thrown(() => readArff(ids, { source: 'x.arffx' })).message).toMatch(/^x\.arffx:8: item "a" has a second row in @ID-MAP/);
    const fea = 'a,1,0\nb,2,0\na,3,0\n';
    expect(thrown(() => readCeka({ resp: 'w a 0\nw b 1\n', fea }, { name: 'd' })).message).toMatch(/^d\.fea:3: item "a" has a second feature row/);
  });
});
