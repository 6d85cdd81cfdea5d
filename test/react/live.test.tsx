// @vitest-environment happy-dom
/** `live: false`: the first value of the page's session stays (provider: no more polls). */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFlag } from '../../src/react/index.js';
import { advance, createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Flag({ label, live }: { label: string; live?: boolean }) {
  return <p>{`${label} ${useFlag('dark', { live })}`}</p>;
}

describe('live: false', () => {
  it('on a hook: keeps the first network value while other hooks follow deployments', async () => {
    const app = createApp({
      flags: { dark: false },
      provider: { initialConfiguration: { configuration: { dark: { enabled: true } } } },
    });
    app.render(
      <>
        <Flag label="frozen" live={false} />
        <Flag label="live" />
      </>,
    );
    // Before the first answer both show the initial value: it is not this session's yet.
    expect(screen.getByText('frozen true')).toBeTruthy();
    await advance(0);
    expect(screen.getByText('frozen false')).toBeTruthy();
    app.emulator.deployFlags({ dark: true });
    await advance(60_000);
    expect(screen.getByText('live true')).toBeTruthy();
    expect(screen.getByText('frozen false')).toBeTruthy();
  });

  it('on the provider: polls until the first configuration, then never again', async () => {
    const app = createApp({ flags: { dark: false }, provider: { live: false } });
    app.render(<Flag label="flag" />);
    await advance(0);
    expect(screen.getByText('flag false')).toBeTruthy();
    app.emulator.deployFlags({ dark: true });
    await advance(10 * 60_000);
    expect(app.requests).toHaveLength(1);
    expect(screen.getByText('flag false')).toBeTruthy();
    expect(vi.getTimerCount()).toBe(0);
  });
});
