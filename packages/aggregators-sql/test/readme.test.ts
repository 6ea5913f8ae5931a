import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.js';

it('runs the README example', async () => {
  const printed = await runReadmeExample(new URL('../', import.meta.url), '@crowdlearn/aggregators-sql');
  expect(printed).toEqual(['true true', 'yes,no,yes', '-- start: soft majority vote into cl_posteriors']);
});
