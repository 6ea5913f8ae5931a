import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.js';

it('runs the README example', async () => {
  const printed = await runReadmeExample(new URL('../', import.meta.url), '@crowdlearn/crowdmeta');
  expect(printed.slice(0, 2)).toEqual(['5', 'true']);
  expect(printed[2]).toMatch(/^0\.\d{3} 0\.\d{3}$/);
});
