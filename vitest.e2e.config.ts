// End-to-end tests in real Chromium (`npm run test:e2e`), kept out of the unit run: the root
// config's `test/**/*.test.{ts,tsx}` does not match `*.e2e.ts`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    // One browser and one dev server at a time on a 2-core machine.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
