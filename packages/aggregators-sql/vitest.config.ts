import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@crowdlearn/source'] } },
  test: { name: 'aggregators-sql', include: ['test/**/*.test.ts'], testTimeout: 120_000 },
});
