import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@crowdlearn/source'] } },
  test: {
    name: 'aggregators',
    include: ['test/**/*.test.ts'],
    // Vitest's 5 s default is too tight on a shared, loaded CI machine (an esbuild bundle
    // timed out there); every test still stays well under a minute on a quiet one.
    testTimeout: 60_000,
  },
});
