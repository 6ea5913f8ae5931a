import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.js';

it('runs the README example', async () => {
  const printed = await runReadmeExample(new URL('../', import.meta.url), '@crowdlearn/aggregators');
  expect(printed).toHaveLength(3);
  expect(printed[0]).toMatch(/^\d+ true 1$/);
  expect(Number(printed[1])).toBeCloseTo(2 / 3, 12);
  expect(printed[2]).toBe('yes,no,yes');
});
