import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@crowdlearn/source'] } },
  test: { name: 'core-matrix', include: ['test/**/*.test.ts'] },
});
