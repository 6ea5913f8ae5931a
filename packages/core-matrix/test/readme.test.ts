import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.js';

it('runs the README example', async () => {
  const printed = await runReadmeExample(new URL('../', import.meta.url), '@crowdlearn/core-matrix');
  expect(printed).toContain('img1 alice cat');
  expect(printed).toContain('1');
});
