import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CrowdError, CrowdLabels, Rng } from '@crowdlearn/core-matrix';
import {
  decodeText,
  npyToFeatures,
  readArff,
  readCeka,
  readJsonExport,
  readJsonLines,
  readLongGold,
  readLongLabels,
  readNpy,
  readRodriguesMatrix,
  readTextFile,
  readWideMatrix,
  writeNpy,
} from '../src/index.js';

/*
 * Every reader on mutated inputs: each case must either read or throw a
 * CrowdError (typed, naming its source); any other exception, a crash or a
 * hang (the test's timeout) fails. CROWDLEARN_FUZZ_CASES sets the cases per
 * format (default 1,000 in CI; the reliability review's size is 10,000).
 */
const CASES = Number(process.env.CROWDLEARN_FUZZ_CASES ?? 1000);
const SEED = Number(process.env.CROWDLEARN_FUZZ_SEED ?? 20261203);

const text = (s: string) => new TextEncoder().encode(s);
const fromBytes = (b: Uint8Array) => new TextDecoder().decode(b);

/** Fragments that stress parsers: delimiters, quotes, line ends, marks, extreme numbers. */
const TOKENS = [',', '\t', ';', '"', '""', '\n', '\r', '\r\n', '\uFEFF', '\u0000', '-1', '1e309', 'NaN', '0x10', '4294967297', '?', '{', '}', '[', ']', ':', '@data', '@attribute x numeric', '@ID-MAP', ' ', '', '9'.repeat(30)];

/** One mutation of `bytes`: flip, insert, delete, duplicate, truncate or splice a token. */
function mutate(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = Array.from(bytes);
  const steps = 1 + rng.int(4);
  for (let s = 0; s < steps; s++) {
    const at = out.length === 0 ? 0 : rng.int(out.length);
    switch (rng.int(6)) {
      case 0:
        if (out.length > 0) out[at] = rng.int(256);
        break;
      case 1:
        out.splice(at, 0, ...Array.from({ length: 1 + rng.int(8) }, () => rng.int(256)));
        break;
      case 2:
        out.splice(at, 1 + rng.int(16));
        break;
      case 3:
        out.splice(at, 0, ...out.slice(at, at + 1 + rng.int(64)));
        break;
      case 4:
        out.length = at;
        break;
      default:
        out.splice(at, 0, ...text(TOKENS[rng.int(TOKENS.length)] as string));
    }
  }
  return Uint8Array.from(out);
}

/** Runs `read` and returns 'read' or 'typed'; anything else than a CrowdError is rethrown with the input. */
function outcome(read: () => unknown, input: Uint8Array, format: string): 'read' | 'typed' {
  try {
    read();
    return 'read';
  } catch (e) {
    if (e instanceof CrowdError) return 'typed';
    throw new Error(`${format}: an untyped ${String((e as Error)?.name)}: ${String((e as Error)?.message)} on input ${JSON.stringify(fromBytes(input).slice(0, 300))}`);
  }
}


const seeds: Record<string, { input: Uint8Array; read: (b: Uint8Array) => unknown }> = {
  'long csv': { input: text('question,worker,answer,truth\nq1,w1,cat,cat\nq1,w2,dog,cat\n"q,2",w1,"a ""b""",\nq3,w3,cat,\n'), read: (b) => readLongLabels(decodeText(b, 'f.csv')) },
  'long tsv (MTurk)': { input: text('HITId\tWorkerId\tAssignmentStatus\tAnswer.label\nh1\tA1\tApproved\tx\nh1\tA2\tRejected\ty\nh2\tA1\tApproved\ty\n'), read: (b) => readLongLabels(decodeText(b, 'f.tsv'), { delimiter: '\t' }) },
  'json lines': { input: text('{"item":"i1","worker":"w1","label":"a"}\n{"task":"i2","worker":"w2","label":1,"gold":1}\n{"_input_hash":3,"_annotator_id":"p","accept":["x"]}\n'), read: (b) => readJsonLines(decodeText(b, 'f.jsonl')) },
  'json export': {
    input: text('[{"id":1,"annotations":[{"completed_by":3,"result":[{"value":{"choices":["Cat"]}}]}]},{"item":"i2","worker":"w","label":"Dog"}]'),
    read: (b) => readJsonExport(decodeText(b, 'f.json')),
  },
  'wide matrix': { input: text('item,alice,bob,carol\ni1,a,b,\ni2,,b,b\ni3,a,,a\n'), read: (b) => readWideMatrix(decodeText(b, 'w.csv')) },
  rodrigues: { input: text('0 -1 1 2\n-1 2 2 1\n1 1 -1 0\n'), read: (b) => readRodriguesMatrix(decodeText(b, 'answers.txt'), { gold: '0\n2\n1\n' }) },
  'ceka resp, gold and fea': {
    input: text('w1 i1 0\nw2 i1 1\nw1 i2 1\n'),
    read: (b) => readCeka({ resp: decodeText(b, 'd.resp'), gold: 'i1 0\ni2 1\n', fea: 'i1,0.5,1\ni2,1.5,0\n' }),
  },
  arff: { input: text('@relation r\n% c\n@attribute f numeric\n@attribute g {u,v}\n@attribute class {a,b}\n@data\n1.5,u,a\n-2e-3,v,b\n@ID-MAP\ni1\ni2\n'), read: (b) => readArff(decodeText(b, 'd.arffx')) },
  'gold file': {
    input: text('question,truth\nq1,cat\nq2,dog\n'),
    read: (b) => readLongGold(decodeText(b, 'g.csv'), CrowdLabels.fromObservations([{ item: 'q1', worker: 'w', label: 'cat' }, { item: 'q2', worker: 'w', label: 'dog' }]), { unknownItems: 'ignore' }),
  },
  npy: { input: writeNpy({ shape: [3, 2], data: Float32Array.from([1, 2, 3, 4, 5, 6]) }), read: (b) => npyToFeatures(readNpy(b, 'x.npy'), 'x.npy') },
};

describe(`every reader fails only with a typed error (${CASES} mutated inputs per format, seed ${SEED})`, () => {
  for (const [format, { input, read }] of Object.entries(seeds)) {
    it(format, () => {
      expect(outcome(() => read(input), input, format)).toBe('read');
      const rng = new Rng(`${SEED}:${format}`);
      const seen = { read: 0, typed: 0 };
      for (let c = 0; c < CASES; c++) {
        const mutated = mutate(input, rng);
        seen[outcome(() => read(mutated), mutated, format)]++;
      }
      // the mutations reach both sides: some inputs still read, most are refused
      expect(seen.typed).toBeGreaterThan(0);
    }, 120_000);
  }

  const dir = mkdtempSync(join(tmpdir(), 'crowdlearn-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gzip streams', () => {
    const whole = gzipSync('question,worker,answer\nq1,w1,1\nq2,w1,0\nq2,w2,1\n');
    const rng = new Rng(`${SEED}:gzip`);
    const path = join(dir, 'x.csv.gz');
    for (let c = 0; c < Math.ceil(CASES / 3); c++) {
      const mutated = mutate(whole, rng);
      writeFileSync(path, mutated);
      outcome(() => readLongLabels(readTextFile(path)), mutated, 'gzip');
    }
  }, 120_000);
});
