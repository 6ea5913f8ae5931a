import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@crowdlearn/source'] } },
  test: { name: 'crowdmeta', include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 },
});
