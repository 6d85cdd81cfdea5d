// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppConfigStatus, useFlag, type AppConfigStatusResult } from '../../src/react/index.js';
import { advance, createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const results: AppConfigStatusResult[] = [];
const latest = () => results.at(-1)!;
function Status() {
  const status = useAppConfigStatus();
  results.push(status);
  const dark = useFlag('dark');
  return (
    <p>{`${status.status} stopped=${status.stopped} ${status.error?.name ?? '-'} dark=${dark}`}</p>
  );
}

describe('useAppConfigStatus', () => {
  it('reports a stop, and reset() starts a new session that recovers', async () => {
    const app = createApp(); // nothing deployed yet: 404
    app.render(<Status />);
    await advance(0);
    expect(
      screen.getByText('error stopped=true ResourceNotFoundException dark=false'),
    ).toBeTruthy();
    await advance(10 * 60_000);
    expect(app.requests).toHaveLength(1); // a stopped client does not retry

    app.emulator.deployFlags({ dark: true });
    await act(() => latest().reset());
    expect(screen.getByText('ready stopped=false - dark=true')).toBeTruthy();
    expect(app.starts()).toHaveLength(2);
    await advance(60_000);
    expect(app.gets()).toHaveLength(2);
  });

  it('refetch() polls when allowed and sends nothing when it is too early', async () => {
    const app = createApp({ flags: { dark: false } });
    app.render(<Status />);
    await advance(0);
    const { refetch, reset } = latest();
    app.emulator.deployFlags({ dark: true });
    await act(() => refetch());
    expect(app.gets()).toHaveLength(1);
    expect(screen.getByText('ready stopped=false - dark=false')).toBeTruthy();
    await advance(60_000);
    expect(screen.getByText('ready stopped=false - dark=true')).toBeTruthy();
    expect(latest().refetch).toBe(refetch);
    expect(latest().reset).toBe(reset);
    expect(app.tooEarly()).toEqual([]);
  });
});
