import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.js';

it('runs the README example', async () => {
  const printed = await runReadmeExample(new URL('../', import.meta.url), '@crowdlearn/datasets');
  expect(printed[0]).toContain('music');
  expect(printed[1]).toBe('0.733'); // mean worker accuracy, as in the DASC paper's Table 1
  expect(printed[2]).toBe('2 2 2');
  expect(printed[3]).toBe('true 300');
});
