import { expect, it } from 'vitest';

it('the perf suites load without starting a measurement (the worker runs only as a child process)', async () => {
  const perf = await import('../src/suites/perf.js');
  const tasks = await import('../src/perf/tasks.js');
  expect(typeof perf.perfNeuralSuite).toBe('function');
  expect(tasks.FIT_METHODS).toContain('tllc');
});
