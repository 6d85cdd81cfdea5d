import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The React benchmarks (bench/*.bench-run.tsx) run in vitest for its fake timers, happy-dom and
// act(), the same wiring as the tests; `vitest run` (vite.config.ts) only picks up test/**, so
// they run only through `npm run bench:requests`, `bench:renders` and `bench:long-run`.
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['bench/**/*.bench-run.{ts,tsx}'],
    environment: 'happy-dom',
    // One file at a time in one forked process: runs do not compete for the 2 cores, and
    // `--expose-gc` gives the long run a `gc()` to call before each heap sample.
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    execArgv: ['--expose-gc'],
    // Tables are printed as they are, not under vitest's per-test console headers.
    disableConsoleIntercept: true,
    testTimeout: 10 * 60 * 1000,
    hookTimeout: 60 * 1000,
  },
});
