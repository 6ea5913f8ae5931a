import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECTS, planScript, SQL_METHODS, type DialectName } from '../src/index.js';

// The plans of every dialect, K = 3, checked against golden files: Spark SQL, Trino and BigQuery
// cannot run here, so a change to their SQL must be deliberate. Regenerate with
// UPDATE_GOLDEN=1 and read the diff.
const dir = join(import.meta.dirname, 'golden');
const update = process.env['UPDATE_GOLDEN'] === '1';

describe('plans match their golden files', () => {
  for (const dialect of Object.keys(DIALECTS) as DialectName[]) {
    for (const method of SQL_METHODS) {
      it(`${dialect} ${method}`, () => {
        const text = planScript(method, dialect, { numClasses: 3 });
        const file = join(dir, `${dialect}-${method}.sql`);
        if (update || !existsSync(file)) writeFileSync(file, text);
        expect(text).toBe(readFileSync(file, 'utf8'));
      });
    }
  }

  it('every dialect spells the engine-specific parts its own way', () => {
    const ds = (dialect: DialectName) => planScript('ds', dialect, { numClasses: 3 });
    expect(ds('clickhouse')).toContain('ENGINE = Memory');
    expect(ds('clickhouse')).toContain('greatest(greatest(s0, s1), s2)');
    expect(ds('clickhouse')).toContain('ALL INNER JOIN');
    expect(ds('duckdb')).toContain('CREATE OR REPLACE TABLE');
    expect(ds('spark')).toContain('USING parquet');
    expect(ds('bigquery')).toContain('LN(');
    expect(ds('trino')).toMatch(/DROP TABLE IF EXISTS cl_workers;\nCREATE TABLE cl_workers AS/);
  });
});
