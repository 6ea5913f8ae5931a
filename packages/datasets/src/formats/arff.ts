import { CrowdError, encodeFeatures, Features, type FeatureColumn } from '@crowdlearn/core-matrix';
import { DelimitedParser } from './delimited-parser.js';

/** One ARFF attribute. */
export interface ArffAttribute {
  /** Attribute name. */
  name: string;
  /** `numeric` (also `real`, `integer`), `nominal` (a `{...}` list) or `string`. */
  kind: 'numeric' | 'nominal' | 'string';
  /** The values of a nominal attribute, in declaration order. */
  values?: string[];
}

/** A parsed ARFF (or CEKA `.arffx`) file. */
export interface ArffData {
  /** The `@relation` name. */
  relation: string;
  /** Every attribute, in order. */
  attributes: ArffAttribute[];
  /** The features: numeric attributes as they are, nominal ones one-hot, excluding the class attribute and strings. */
  features: Features;
  /** The class attribute's name, when there is one. */
  classAttribute?: string;
  /** The class attribute's values in declaration order. */
  classNames?: string[];
  /** Each row's class value (as written), when there is a class attribute. */
  classes?: string[];
  /** CEKA `.arffx` only: the item id of each data row, from the `@ID-MAP` section. */
  ids?: string[];
}

/** Options of {@link readArff}. */
export interface ArffOptions {
  /** The class attribute: a name, `'last'` (default: the last nominal attribute if it is last), or `null` for none. */
  classAttribute?: string | 'last' | null;
  /** Name used in error messages. */
  source?: string;
}

/**
 * Reads ARFF and CEKA's extended `.arffx` (an `@ID-MAP` section after the
 * data giving each row's item id). Numeric and nominal attributes; `%`
 * comments; quoted names and values. A missing value (`?`), a non-numeric
 * value in a numeric column, an unknown nominal value, or a row of the wrong
 * width is a PARSE_ERROR naming the line and column.
 */
export function readArff(text: string, options: ArffOptions = {}): ArffData {
  const source = options.source ?? 'data.arff';
  const lines = text.split(/\r\n|\r|\n/);
  let relation = '';
  const attributes: ArffAttribute[] = [];
  let at = 0;
  const fail = (line: number, message: string, expected?: string, found?: string): never => {
    throw new CrowdError('PARSE_ERROR', message, {
      source,
      line,
      ...(expected !== undefined ? { expected } : {}),
      ...(found !== undefined ? { found } : {}),
    });
  };
  for (; at < lines.length; at++) {
    const raw = (lines[at] as string).trim();
    if (raw === '' || raw.startsWith('%')) continue;
    const lower = raw.toLowerCase();
    if (lower.startsWith('@relation')) relation = unquote(raw.slice(9).trim());
    else if (lower.startsWith('@attribute')) attributes.push(parseAttribute(raw.slice(10).trim(), at + 1, fail));
    else if (lower.startsWith('@data')) break;
    else fail(at + 1, 'unexpected header line', '@relation, @attribute or @data', JSON.stringify(raw.slice(0, 40)));
  }
  if (at >= lines.length) fail(lines.length, 'no @data section', '@data');
  if (attributes.length === 0) fail(at + 1, 'no attributes before @data', 'at least one @attribute');

  const classIndex = resolveClass(attributes, options.classAttribute ?? 'last', source);
  const rows: string[][] = [];
  const rowLines: number[] = [];
  let idMapAt = -1;
  const parser = new DelimitedParser(',', source, (fields, line) => {
    rows.push(fields.map((f) => unquote(f.trim())));
    rowLines.push(line);
  });
  const dataStart = at + 1;
  let end = lines.length;
  for (let j = dataStart; j < lines.length; j++) {
    if ((lines[j] as string).trim().toUpperCase() === '@ID-MAP') {
      idMapAt = j;
      end = j;
      break;
    }
  }
  // Feed the data lines with their real line numbers: blank lines keep the count.
  parser.push('\n'.repeat(dataStart));
  for (let j = dataStart; j < end; j++) {
    const l = lines[j] as string;
    parser.push((l.trimStart().startsWith('%') ? '' : l) + '\n');
  }
  parser.end();

  const width = attributes.length;
  const columns: string[][] = attributes.map(() => []);
  rows.forEach((fields, r) => {
    if (fields.length !== width) fail(rowLines[r] as number, 'wrong number of values', `${width} values`, String(fields.length));
    fields.forEach((v, c) => {
      const a = attributes[c] as ArffAttribute;
      if (v === '?') fail(rowLines[r] as number, `missing value in attribute ${JSON.stringify(a.name)} (column ${c + 1})`, 'a value', '?');
      if (a.kind === 'numeric' && !DECIMAL_NUMBER.test(v)) {
        fail(rowLines[r] as number, `non-numeric value in attribute ${JSON.stringify(a.name)} (column ${c + 1})`, 'a decimal number (or ? for a missing value, which is refused)', JSON.stringify(v));
      }
      if (a.kind === 'nominal' && !(a.values as string[]).includes(v)) {
        fail(rowLines[r] as number, `unknown value in attribute ${JSON.stringify(a.name)} (column ${c + 1})`, `one of {${(a.values as string[]).join(',')}}`, JSON.stringify(v));
      }
      (columns[c] as string[]).push(v);
    });
  });

  const featureColumns: FeatureColumn[] = [];
  attributes.forEach((a, c) => {
    if (c === classIndex || a.kind === 'string') return;
    const values = columns[c] as string[];
    featureColumns.push(
      a.kind === 'numeric'
        ? { kind: 'numeric', name: a.name, values: values.map(Number) }
        : { kind: 'nominal', name: a.name, values, categories: a.values as string[] },
    );
  });
  const features =
    featureColumns.length > 0 ? encodeFeatures(featureColumns, source) : new Features(new Float32Array(0), rows.length, 0);
  const result: ArffData = { relation, attributes, features };
  if (classIndex >= 0) {
    const cls = attributes[classIndex] as ArffAttribute;
    result.classAttribute = cls.name;
    if (cls.values !== undefined) result.classNames = cls.values;
    result.classes = columns[classIndex] as string[];
  }
  if (idMapAt >= 0) {
    const ids: string[] = [];
    const seen = new Set<string>();
    for (let j = idMapAt + 1; j < lines.length; j++) {
      const t = (lines[j] as string).trim();
      if (t === '') continue;
      if (seen.has(t)) fail(j + 1, `item ${JSON.stringify(t)} has a second row in @ID-MAP`, 'one row per item');
      seen.add(t);
      ids.push(t);
    }
    if (ids.length !== rows.length) {
      fail(idMapAt + 1, '@ID-MAP does not list one id per data row', `${rows.length} ids`, String(ids.length));
    }
    result.ids = ids;
  }
  return result;
}

/** A decimal number as ARFF writes one (`-1`, `0.5`, `.5`, `1e-3`): no hex, no empty text, no `Infinity`. */
const DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseAttribute(
  rest: string,
  line: number,
  fail: (line: number, message: string, expected?: string, found?: string) => never,
): ArffAttribute {
  const m = /^('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\S+)\s+(.*)$/.exec(rest);
  if (m === null) return fail(line, 'malformed @attribute', '@attribute <name> <type>', rest);
  const name = unquote(m[1] as string);
  const type = (m[2] as string).trim();
  const lower = type.toLowerCase();
  if (lower === 'numeric' || lower === 'real' || lower === 'integer') return { name, kind: 'numeric' };
  if (lower === 'string') return { name, kind: 'string' };
  if (type.startsWith('{') && type.endsWith('}')) {
    const values = type
      .slice(1, -1)
      .split(',')
      .map((v) => unquote(v.trim()))
      .filter((v) => v !== '');
    return { name, kind: 'nominal', values };
  }
  return fail(line, `unsupported attribute type for ${JSON.stringify(name)}`, 'numeric, real, integer, string or {nominal values}', type);
}

function resolveClass(attributes: ArffAttribute[], option: string | null, source: string): number {
  if (option === null) return -1;
  if (option === 'last') {
    const last = attributes.length - 1;
    return (attributes[last] as ArffAttribute).kind === 'nominal' ? last : -1;
  }
  const i = attributes.findIndex((a) => a.name === option);
  if (i < 0) {
    throw new CrowdError('PARSE_ERROR', `no attribute named ${JSON.stringify(option)}`, {
      source,
      expected: `one of ${attributes.map((a) => a.name).join(', ')}`,
    });
  }
  return i;
}

function unquote(s: string): string {
  return (s.startsWith("'") && s.endsWith("'")) || (s.startsWith('"') && s.endsWith('"')) ? s.slice(1, -1) : s;
}
