import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.js';

it('runs the README example', async () => {
  const printed = await runReadmeExample(new URL('../', import.meta.url), '@crowdlearn/crowding');
  expect(printed[0]).toMatch(/^((0\.\d+|1),){3}(0\.\d+|1)$/);
  expect(printed.slice(1)).toEqual(['true', 'true true']);
});
