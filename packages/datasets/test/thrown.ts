import { CrowdError } from '@crowdlearn/core-matrix';

/** The CrowdError `fn` throws (fails the test when it throws nothing or something else). */
export function thrown(fn: () => unknown): CrowdError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CrowdError) return e;
    throw e;
  }
  throw new Error('expected a CrowdError');
}
