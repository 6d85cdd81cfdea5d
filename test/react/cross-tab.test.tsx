// @vitest-environment happy-dom
/**
 * The React path of cross-tab sharing: `<AppConfigProvider>` joins the other tabs of its session
 * after its first configuration (the module loads with `import()`), the registry's polling
 * observer is woken by the leader's polls, and hooks re-render by their own keys. Two "tabs" are
 * two providers with their own QueryClients in one document; the page's Web Locks and
 * BroadcastChannel are the fakes of test/support/fake-tabs.ts (happy-dom has neither), everything
 * else is real.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppConfigProvider, useFlag } from '../../src/react/index.js';
import { createTestEmulator } from '../../src/testing/index.js';
import { createFakeOrigin } from '../support/fake-tabs.js';
import { recordingFetch, type RecordedRequest } from '../support/recording-fetch.js';
import { advance, useVirtualTime } from './harness.js';

const INTERVAL_S = 15;
const INTERVAL_MS = INTERVAL_S * 1000;

beforeEach(() => {
  useVirtualTime();
  // The page's APIs, as a browser has them: one lock manager and channel hub for the origin.
  const page = createFakeOrigin().tab('page');
  Object.defineProperty(navigator, 'locks', { value: page.environment.locks, configurable: true });
  vi.stubGlobal(
    'BroadcastChannel',
    class {
      constructor(name: string) {
        return page.environment.openChannel(name);
      }
    },
  );
});
afterEach(() => {
  cleanup();
  Object.defineProperty(navigator, 'locks', { value: null, configurable: true });
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

// The chunk, loaded once up front: the provider's own `import()` then resolves at once.
await import('../../src/core/cross-tab/join-tabs.js');

function setup(crossTab?: boolean) {
  const emulator = createTestEmulator({ flags: { a: false, b: false } });
  const renders = { a: 0, b: 0 };
  function Reader({ flag }: { flag: 'a' | 'b' }) {
    renders[flag] += 1;
    return <li data-testid={flag}>{useFlag(flag) ? 'on' : 'off'}</li>;
  }
  const tabs = ['one', 'two'].map((name) => {
    const recorder = recordingFetch(emulator.fetch as typeof fetch);
    const queryClient = new QueryClient();
    const view = render(
      <AppConfigProvider
        {...emulator.providerProps}
        fetch={recorder.fetch}
        queryClient={queryClient}
        requiredMinimumPollIntervalInSeconds={INTERVAL_S}
        crossTab={crossTab}
      >
        <ul data-testid={name}>
          <Reader flag="a" />
          <Reader flag="b" />
        </ul>
      </AppConfigProvider>,
    );
    return { name, requests: recorder.requests, queryClient, view };
  });
  const gets = (tab?: { requests: RecordedRequest[] }) =>
    (tab ? tab.requests : tabs.flatMap((t) => t.requests)).filter(
      (r) => r.operation === 'GetLatestConfiguration' || r.combined,
    );
  return { emulator, tabs, gets, renders };
}

describe('<AppConfigProvider> across tabs', () => {
  it('each tab makes its first request, then one tab polls for both and both show each change', async () => {
    const { emulator, tabs, gets, renders } = setup();
    await advance(100);
    // The first configuration: a session of each tab's own (the cost of loading the module late).
    expect(tabs.map((tab) => gets(tab).length)).toEqual([1, 1]);

    await advance(3 * INTERVAL_MS);
    // Then one GetLatestConfiguration per interval for both tabs.
    expect(gets()).toHaveLength(2 + 3);
    const pollers = tabs.filter((tab) => gets(tab).length > 1);
    expect(pollers).toHaveLength(1);

    const before = { ...renders };
    emulator.deployFlags({ a: false, b: true });
    await advance(INTERVAL_MS);
    for (const tab of tabs) {
      const list = screen.getByTestId(tab.name);
      expect(list.querySelector('[data-testid="b"]')!.textContent).toBe('on');
      expect(list.querySelector('[data-testid="a"]')!.textContent).toBe('off');
    }
    // Per-key re-renders in both tabs: only the two readers of `b`, once each.
    expect(renders.a).toBe(before.a);
    expect(renders.b).toBe(before.b + 2);
    expect(gets()).toHaveLength(2 + 4);

    // The polling tab's provider goes (a route change): the other tab polls on schedule.
    const leader = pollers[0]!;
    const other = tabs.find((tab) => tab !== leader)!;
    act(() => leader.view.unmount());
    act(() => leader.queryClient.clear());
    emulator.deployFlags({ a: true, b: true });
    await advance(INTERVAL_MS);
    expect(screen.getByTestId(other.name).querySelector('[data-testid="a"]')!.textContent).toBe(
      'on',
    );
    expect(gets(other).length).toBeGreaterThan(1);
    const all = tabs.flatMap((tab) => tab.requests);
    expect(all.filter((r) => r.problem === 'PollIntervalNotSatisfied')).toEqual([]);
  });

  it('crossTab={false}: each tab polls on its own', async () => {
    const { tabs, gets } = setup(false);
    await advance(3 * INTERVAL_MS + 100);
    expect(tabs.map((tab) => gets(tab).length)).toEqual([4, 4]);
  });
});
