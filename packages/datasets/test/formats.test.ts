import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Features, isCrowdError, mergeCompleted, Rng } from '@crowdlearn/core-matrix';
import {
  npyToFeatures,
  readArff,
  readCeka,
  readJsonLines,
  readNpy,
  readRodriguesMatrix,
  writeCekaGold,
  writeCekaResp,
  writeJsonLines,
  writeNpy,
} from '../src/index.js';
import { thrown } from './thrown.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`fixtures/${name}`, import.meta.url)));


describe('NPY (fixtures written by NumPy)', () => {
  it('reads float32, int64, big-endian float64 and int32', () => {
    const f = readNpy(fixture('float32-2x3.npy'));
    expect(f).toMatchObject({ dtype: 'float32', shape: [2, 3] });
    expect(Array.from(f.data)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25]);
    expect(Array.from(readNpy(fixture('int64-2x2.npy')).data)).toEqual([1, -2, 3, 2 ** 40]);
    expect(Array.from(readNpy(fixture('float64-be.npy')).data)).toEqual([1.5, -2.25]);
    expect(readNpy(fixture('int32-1.npy'))).toMatchObject({ dtype: 'int32', shape: [1] });
  });

  it('rejects Fortran order, truncation and garbage with the source', () => {
    expect(thrown(() => readNpy(fixture('fortran.npy'), 'f.npy')).message).toMatch(/^f\.npy: Fortran-order/);
    const bytes = fixture('float32-2x3.npy');
    expect(thrown(() => readNpy(bytes.subarray(0, bytes.length - 3), 't.npy')).message).toMatch(/^t\.npy: truncated NPY data; expected 24 bytes/);
    expect(thrown(() => readNpy(new Uint8Array([1, 2, 3]))).message).toMatch(/not an NPY file/);
    // a version-2 header needs 12 bytes before it: 10 or 11 were a RangeError
    for (const n of [10, 11]) {
      const v2 = new Uint8Array(n);
      v2.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0]);
      expect(thrown(() => readNpy(v2, 'v2.npy')).message).toMatch(/^v2\.npy: truncated NPY header; expected 12 bytes before the header, found /);
    }
  });

  it('refuses features with NaN or infinite values (naming the row and column) and a header that declares absurdly many columns', () => {
    const nan = readNpy(writeNpy({ shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, Number.NaN, 6) }));
    expect(thrown(() => npyToFeatures(nan, 'x.npy')).message).toBe('x.npy: a feature value is NaN; expected finite numbers, found row 2, column 2');
    const inf = readNpy(writeNpy({ shape: [1, 2], data: Float64Array.of(Number.POSITIVE_INFINITY, 0) }));
    expect(thrown(() => npyToFeatures(inf, 'y.npy')).message).toMatch(/^y\.npy: a feature value is Infinity; expected finite numbers, found row 1, column 1/);
    // 0 rows of 10^9 columns: a 2-line header, refused before anything is built for the columns
    const wide = readNpy(writeNpy({ shape: [0, 1_000_000_000], data: new Float32Array(0) }));
    expect(thrown(() => npyToFeatures(wide, 'wide.npy')).message).toMatch(/^wide\.npy: too many feature columns; expected at most 1048576, found 1000000000/);
  });

  it('round-trips through writeNpy and becomes features', () => {
    const data = Float32Array.of(1, 2, 3, 4, 5, 6);
    const back = readNpy(writeNpy({ shape: [3, 2], data }));
    expect(back.shape).toEqual([3, 2]);
    const f = npyToFeatures(back);
    expect(f.get(2, 1)).toBe(6);
    expect(() => npyToFeatures(readNpy(writeNpy({ shape: [6], data })))).toThrow(/2-D/);
  });
});

const ARFFX = `% a comment
@relation toy
@attribute FTR0 numeric
@attribute 'colour' {red,blue}
@attribute class {0,1}
@data
1.5,red,0
-2,blue,1
@ID-MAP
10
20
`;

describe('ARFF / arffx', () => {
  it('reads numeric and nominal attributes, the class and the ID map', () => {
    const a = readArff(ARFFX);
    expect(a.relation).toBe('toy');
    expect(a.features.columnNames).toEqual(['FTR0', 'colour=red', 'colour=blue']);
    expect(Array.from(a.features.data)).toEqual([1.5, 1, 0, -2, 0, 1]);
    expect(a.classes).toEqual(['0', '1']);
    expect(a.ids).toEqual(['10', '20']);
  });

  it('names the line and column of bad values', () => {
    const e = thrown(() => readArff(ARFFX.replace('-2,blue,1', '-2,green,1'), { source: 'x.arffx' }));
    expect(e.line).toBe(8);
    expect(e.message).toContain('unknown value in attribute "colour" (column 2)');
    expect(thrown(() => readArff(ARFFX.replace('1.5,red', 'abc,red'))).message).toContain('non-numeric value in attribute "FTR0"');
    expect(thrown(() => readArff(ARFFX.replace('-2,blue,1', '-2,blue'))).message).toContain('wrong number of values');
    expect(thrown(() => readArff(ARFFX.replace('20\n', ''))).message).toContain('@ID-MAP does not list one id per data row');
    expect(thrown(() => readArff('@relation r\n@attribute a date\n@data\n')).message).toContain('unsupported attribute type');
  });
});

describe('CEKA', () => {
  const resp = 'w1\t10\t0\nw2\t10\t1\nw1\t20\t1\n';
  const gold = '10\t0\n20\t1\n';

  it('reads resp + gold + fea, and resp + arffx matched by id', () => {
    const fea = '20,3,4,1\n10,1,2,0\n';
    const a = readCeka({ resp, gold, fea }, { name: 'toy' });
    expect(a.labels.numLabels).toBe(3);
    expect(a.gold?.get(a.labels.items.indexOf('20'))).toBe(1);
    expect(Array.from(a.features?.row(a.labels.items.indexOf('20')) ?? [])).toEqual([3, 4]);
    const b = readCeka({ resp, arff: ARFFX });
    expect(Array.from(b.features?.row(b.labels.items.indexOf('20')) ?? [])).toEqual([-2, 0, 1]);
    expect(b.gold?.get(b.labels.items.indexOf('10'))).toBe(0); // from the class attribute
  });

  it('a .fea whose first row has one field is a parse error with the line (it was a RangeError)', () => {
    expect(thrown(() => readCeka({ resp, fea: '20\n10,1,2,0\n' }, { name: 'toy' })).message).toBe('toy.fea:1: too few fields; expected at least 2 (item, features..., label), found 1');
  });

  it('round-trips through the writers', () => {
    const a = readCeka({ resp, gold });
    const b = readCeka({ resp: writeCekaResp(a.labels), gold: writeCekaGold(a.labels, a.gold!) });
    expect(Array.from(b.labels.label)).toEqual(Array.from(a.labels.label));
    expect(Array.from(b.gold!.labels)).toEqual(Array.from(a.gold!.labels));
  });

  it('rejects features that do not cover the items, and bad feature values', () => {
    expect(thrown(() => readCeka({ resp, fea: '10,1,2,0\n' }, { name: 'toy' })).code).toBe('FEATURES_MISALIGNED');
    const e = thrown(() => readCeka({ resp, fea: '10,1,x,0\n20,3,4,1\n' }, { name: 'toy' }));
    expect([e.source, e.line, e.column]).toEqual(['toy.fea', 1, 3]);
  });
});

describe('Rodrigues matrix', () => {
  it('turns -1 into absent labels and aligns gold and features', () => {
    const r = readRodriguesMatrix('0 -1 2\n-1 -1 1\n', {
      gold: '0\n1\n',
      features: new Features(Float32Array.of(1, 2), 2, 1),
      numClasses: 3,
    });
    expect(r.labels.numLabels).toBe(3);
    expect(Array.from(r.labels.label)).toEqual([0, 2, 1]);
    expect(r.labels.numWorkers).toBe(3);
    expect(readRodriguesMatrix('0 -1 2\n-1 -1 1\n', { dropEmptyWorkers: true }).labels.workers.ids()).toEqual([0, 2]);
    expect(thrown(() => readRodriguesMatrix('0 -1\n1\n')).message).toContain('rows differ in length');
    expect(thrown(() => readRodriguesMatrix('0 -2\n')).column).toBe(2);
    expect(thrown(() => readRodriguesMatrix('0\n1\n', { gold: '0\n' })).code).toBe('SHAPE_MISMATCH');
  });

  it('takes class indices only in plain digits within Int32 (4294967297 was class 1; 1e3, 0x2 and 1.0 were accepted)', () => {
    for (const bad of ['4294967297', '1e3', '0x2', '1.0', '+1', '-0x1']) {
      expect(thrown(() => readRodriguesMatrix(`0 ${bad}\n`)).message, bad).toBe(`answers.txt:1:2: not a class index or -1; expected a whole number from -1 to 2147483647, in digits, found ${JSON.stringify(bad)}`);
    }
    expect(thrown(() => readRodriguesMatrix('0\n1\n', { gold: '0\n1e0\n' })).message).toMatch(/^gold:2: not a class index; expected a whole number from 0 to 2147483647, in digits, found "1e0"/);
  });
});

describe('JSON Lines', () => {
  it('round-trips labels, origins and gold', () => {
    const { labels, gold } = readJsonLines('{"item":"a","worker":1,"label":"x","gold":"x"}\n\n{"item":"b","worker":2,"label":"y"}\n');
    const merged = mergeCompleted(labels, { item: Int32Array.of(1), worker: Int32Array.of(0), label: Int32Array.of(0) }).labels;
    const back = readJsonLines(writeJsonLines(merged, gold));
    expect(back.labels.numCompleted).toBe(1);
    expect(back.gold?.get(0)).toBe(0);
    expect(back.labels.workers.ids()).toEqual([1, 2]);
  });

  it('names the line of a bad record', () => {
    expect(thrown(() => readJsonLines('{"item":"a","worker":1,"label":"x"}\n{"item":"a"', { source: 'l.jsonl' })).message).toMatch(/^l\.jsonl:2: not valid JSON/);
    expect(thrown(() => readJsonLines('{"item":"a","label":"x"}')).message).toContain('no worker field');
    expect(thrown(() => readJsonLines('[1,2]')).message).toContain('must be a JSON object');
  });
});

describe('fuzz: every reader gives a result or a typed error', () => {
  const cases: [string, (text: string) => unknown][] = [
    ['arff', (t) => readArff(t)],
    ['ceka', (t) => readCeka({ resp: t, gold: '10 0\n' })],
    ['rodrigues', (t) => readRodriguesMatrix(t)],
    ['jsonl', (t) => readJsonLines(t)],
  ];
  const seeds: Record<string, string> = {
    arff: ARFFX,
    ceka: 'w1\t10\t0\nw2\t10\t1\nw1\t20\t1\n',
    rodrigues: '0 -1 2\n-1 1 1\n',
    jsonl: '{"item":"a","worker":1,"label":"x","gold":"x"}\n{"item":"b","worker":2,"label":"y"}\n',
  };
  for (const [name, read] of cases) {
    it(name, () => {
      const rng = new Rng(name);
      const alphabet = ['{', '}', ',', '"', ':', '\n', '\r', ' ', '\t', '-1', '@', '?', '%', 'x', '0', ''];
      for (let trial = 0; trial < 1500; trial++) {
        const chars = (seeds[name] as string).split('');
        for (let k = 0; k < 1 + rng.int(4); k++) chars.splice(rng.int(chars.length + 1), rng.int(2), alphabet[rng.int(alphabet.length)] as string);
        try {
          read(chars.join(''));
        } catch (e) {
          if (!isCrowdError(e)) throw new Error(`${name}: untyped error on ${JSON.stringify(chars.join(''))}: ${String(e)}`);
        }
      }
      // and NPY bytes
      const npy = writeNpy({ shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) });
      for (let trial = 0; trial < 500; trial++) {
        const b = npy.slice(0, rng.int(npy.length + 1));
        if (b.length > 0) b[rng.int(b.length)] = rng.int(256);
        try {
          readNpy(b);
        } catch (e) {
          if (!isCrowdError(e)) throw new Error(`npy: untyped error: ${String(e)}`);
        }
      }
    });
  }
});
