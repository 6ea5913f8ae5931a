import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.js';

it('runs the README example', async () => {
  const printed = await runReadmeExample(new URL('../', import.meta.url), '@crowdlearn/tllc');
  expect(printed.slice(0, 3)).toEqual(['true', 'true', 'true']);
  expect(printed[3]).toMatch(/^\d+ \d+$/);
});
