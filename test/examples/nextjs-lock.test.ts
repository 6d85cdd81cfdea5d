/**
 * The Next.js example installs this library from its own lock file (`file:../..`, packed): that
 * lock must list the library's current dependencies, or the example's `npm ci` silently installs
 * without a new one and its build fails far from the cause.
 */
import { describe, expect, it } from 'vitest';
import { exampleLockProblem } from '../e2e/next-example.js';

describe('examples/nextjs/package-lock.json', () => {
  it("locks the library's current dependencies", async () => {
    expect(await exampleLockProblem()).toBeUndefined();
  });
});
