// @vitest-environment node
/**
 * Server rendering leaves nothing behind (issue 10, defect 1): no timer (a prerender script exits
 * on its own), and no QueryClient or client kept alive after its render.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./fixtures/prerender-many.tsx', import.meta.url));

describe('server rendering', () => {
  it('leaves no timer and keeps no QueryClient after 3,000 renders; the script exits by itself', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, '3000'], {
      encoding: 'utf8',
      // A render that left React Query's 5-minute gc timer behind would keep the process alive
      // for 5 minutes: it is killed long before, and the test fails.
      timeout: 90_000,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      html: string;
      timers: number;
      queryClientsAlive: number;
      heapGrowthMiB: number;
    };
    expect(report.html).toBe('<p>true 200</p>');
    expect(report.timers).toBe(0);
    expect(report.queryClientsAlive).toBe(0);
    // A retained render holds a 200-flag configuration and its client: 3,000 of them were
    // over 100 MiB. What is left is module state and the collector's slack.
    expect(report.heapGrowthMiB).toBeLessThan(16);
  }, 120_000);
});
