import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.js';

it('runs the README example', async () => {
  const printed = await runReadmeExample(new URL('../', import.meta.url), '@crowdlearn/dasc');
  expect(printed.slice(0, 2)).toEqual(['4', 'true']);
  expect(printed[2]).toMatch(/^[\d. ]+ \| [\d. ]+$/);
});
