import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'web',
    include: ['test/**/*.test.ts'],
    // the browser tests drive Debian's Chromium on the built app; each step has its own bounded wait
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
