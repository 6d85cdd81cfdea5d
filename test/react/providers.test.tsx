// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StrictMode } from 'react';
import {
  AppConfigProvider,
  InvalidOptionsError,
  useAppConfigClient,
  useAppConfigStatus,
  useFlag,
  type AppConfigSessionClient,
} from '../../src/react/index.js';
import { createClientEntry } from '../../src/react/create-client-entry.js';
import { createTestEmulator } from '../../src/testing/index.js';
import { recordingFetch } from '../support/recording-fetch.js';
import { advance, Catch, createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** One emulator with two flag profiles, `ui` and `ops`. */
function twoProfiles() {
  const emulator = createTestEmulator();
  const deploy = (profile: string, values: Record<string, boolean>) =>
    emulator.deploy({
      application: 'app',
      environment: 'test',
      profile,
      type: 'AWS.AppConfig.FeatureFlags',
      content: {
        version: '1',
        flags: Object.fromEntries(Object.keys(values).map((k) => [k, { name: k }])),
        values: Object.fromEntries(Object.entries(values).map(([k, enabled]) => [k, { enabled }])),
      },
    });
  deploy('ui', { x: true });
  deploy('ops', { x: false });
  const recorder = recordingFetch(emulator.fetch as typeof fetch);
  // A QueryClient per test: an unmounted provider's client outlives the test in its QueryClient.
  const queryClient = new QueryClient();
  const props = (profile: string) => ({
    ...emulator.providerProps,
    profile,
    fetch: recorder.fetch,
    queryClient,
  });
  return { emulator, props, queryClient, requests: recorder.requests };
}

function Flag({ label, provider }: { label: string; provider?: string }) {
  return (
    <p>{`${label} ${useFlag('x', provider === undefined ? {} : { provider }) ? 'on' : 'off'}`}</p>
  );
}

function Client({ onClient }: { onClient: (client: AppConfigSessionClient) => void }) {
  onClient(useAppConfigClient());
  return null;
}

const operations = (requests: readonly { operation: string }[]) =>
  requests.map((request) => request.operation);

describe('several providers', () => {
  it('side by side: each subtree reads its own', async () => {
    const { props } = twoProfiles();
    render(
      <>
        <AppConfigProvider {...props('ui')}>
          <Flag label="left" />
        </AppConfigProvider>
        <AppConfigProvider {...props('ops')}>
          <Flag label="right" />
        </AppConfigProvider>
      </>,
    );
    await advance(0);
    expect(screen.getByText('left on')).toBeTruthy();
    expect(screen.getByText('right off')).toBeTruthy();
  });

  it('nested: the nearest by default, any ancestor by name', async () => {
    const { props } = twoProfiles();
    render(
      <AppConfigProvider {...props('ui')} name="ui">
        <AppConfigProvider {...props('ops')} name="ops">
          <Flag label="nearest" />
          <Flag label="by name ui" provider="ui" />
          <Flag label="by name ops" provider="ops" />
        </AppConfigProvider>
      </AppConfigProvider>,
    );
    await advance(0);
    expect(screen.getByText('nearest off')).toBeTruthy();
    expect(screen.getByText('by name ui on')).toBeTruthy();
    expect(screen.getByText('by name ops off')).toBeTruthy();
  });

  it('share one client (one request per interval) when they name the same session', async () => {
    const { props, requests } = twoProfiles();
    const queryClient = new QueryClient();
    render(
      <>
        <AppConfigProvider {...props('ui')} queryClient={queryClient}>
          <Flag label="a" />
        </AppConfigProvider>
        <AppConfigProvider {...props('ui')} queryClient={queryClient}>
          <Flag label="b" />
        </AppConfigProvider>
      </>,
    );
    await advance(2 * 60_000);
    expect(screen.getByText('a on')).toBeTruthy();
    expect(screen.getByText('b on')).toBeTruthy();
    // The session start brings the first configuration (the combined first call), then one
    // GetLatestConfiguration per interval.
    expect(requests.map((request) => request.operation)).toEqual([
      'StartConfigurationSession',
      'GetLatestConfiguration',
      'GetLatestConfiguration',
    ]);
  });
  it('join the mounted one when another names a different interval: one session, a warning', async () => {
    const { props, requests } = twoProfiles();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(
      <>
        <AppConfigProvider {...props('ui')} requiredMinimumPollIntervalInSeconds={30}>
          <Flag label="a" />
        </AppConfigProvider>
        <AppConfigProvider {...props('ui')} requiredMinimumPollIntervalInSeconds={60}>
          <Flag label="b" />
        </AppConfigProvider>
      </>,
    );
    await advance(2 * 60_000);
    expect(screen.getByText('a on')).toBeTruthy();
    expect(screen.getByText('b on')).toBeTruthy();
    // Before: each provider's render replaced the other's client, each with a session of its
    // own, until React gave up ("Maximum update depth exceeded").
    expect(requests.map((request) => request.operation)).toEqual([
      'StartConfigurationSession',
      'GetLatestConfiguration',
      'GetLatestConfiguration',
    ]);
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
      expect.stringContaining('requiredMinimumPollIntervalInSeconds'),
    ]);
    warn.mockRestore();
  });
});

describe('provider lifecycle', () => {
  it('stops polling when unmounted, and starts a new session when the profile changes', async () => {
    const { props, requests, queryClient } = twoProfiles();
    const view = render(
      <AppConfigProvider {...props('ui')}>
        <Flag label="flag" />
      </AppConfigProvider>,
    );
    await advance(60_000);
    expect(requests).toHaveLength(2);
    view.rerender(
      <AppConfigProvider {...props('ops')}>
        <Flag label="flag" />
      </AppConfigProvider>,
    );
    await advance(0);
    expect(screen.getByText('flag off')).toBeTruthy();
    expect(requests.map((request) => request.operation).slice(2)).toEqual([
      'StartConfigurationSession',
    ]);
    view.unmount();
    await advance(10 * 60_000);
    expect(requests).toHaveLength(3);
    // Both clients were disposed once their queries were collected: nothing is left running.
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("never shows the last profile's configuration as the new profile's while it loads", async () => {
    const app = createApp({ flags: { dark: true } });
    function Dark() {
      const { status } = useAppConfigStatus();
      return <p>{`dark ${useFlag('dark') ? 'on' : 'off'} ${status}`}</p>;
    }
    const view = app.render(<Dark />);
    await advance(0);
    expect(screen.getByText('dark on ready')).toBeTruthy();
    app.emulator.faults.inject({ kind: 'delay', delayMs: 5_000 });
    app.props.profile = 'other';
    view.rerender(<Dark />);
    await advance(100);
    // Before: the placeholder kept the old profile's flags, shown as the new one's, "success".
    expect(screen.getByText('dark off loading')).toBeTruthy();
  });

  it('keeps the session of a provider mounted again within gcTime: no new session, no early request', async () => {
    const { props, requests } = twoProfiles();
    const clients = new Set<AppConfigSessionClient>();
    const tree = (
      <AppConfigProvider {...props('ui')}>
        <Client onClient={(client) => clients.add(client)} />
        <Flag label="flag" />
      </AppConfigProvider>
    );
    const view = render(tree);
    await advance(0);
    expect(operations(requests)).toEqual(['StartConfigurationSession']);
    await advance(20_000);
    view.unmount();
    await advance(10_000); // nothing polls while no provider is mounted
    expect(requests).toHaveLength(1);

    render(tree);
    expect(screen.getByText('flag on')).toBeTruthy(); // the kept configuration, at once
    await advance(0);
    expect(requests).toHaveLength(1); // the next poll is not due until 60 s
    await advance(29_999);
    expect(requests).toHaveLength(1);
    await advance(1);
    expect(operations(requests)).toEqual(['StartConfigurationSession', 'GetLatestConfiguration']);
    expect(requests[1]!.sentAt - requests[0]!.sentAt).toBe(60_000);
    expect(requests.filter((r) => r.problem === 'PollIntervalNotSatisfied')).toEqual([]);
    expect(clients.size).toBe(1);
  });

  it('holds no timer for a released client, disposes it after gcTime, then starts a new session', async () => {
    const { props, requests, queryClient } = twoProfiles();
    const clients: AppConfigSessionClient[] = [];
    const tree = (
      <AppConfigProvider {...props('ui')}>
        <Client onClient={(client) => clients.push(client)} />
      </AppConfigProvider>
    );
    const view = render(tree);
    await advance(0);
    view.unmount();
    await advance(0);
    // Only React Query's gc timer of the query: no poll, no timer of the client's own.
    expect(vi.getTimerCount()).toBe(1);
    await advance(5 * 60_000 - 1);
    expect(clients[0]!.msUntilNextPoll()).toBe(0); // kept: its poll is overdue, and waits
    expect(requests).toHaveLength(1);
    await advance(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
    expect(clients[0]!.msUntilNextPoll()).toBe(Infinity); // disposed
    await clients[0]!.fetchLatest().catch(() => {});
    expect(requests).toHaveLength(1);

    render(tree);
    await advance(0);
    expect(clients.at(-1)).not.toBe(clients[0]);
    expect(operations(requests)).toEqual([
      'StartConfigurationSession',
      'StartConfigurationSession',
    ]);
  });

  it('disposes a released client at once when its query is removed', async () => {
    const { props, requests, queryClient } = twoProfiles();
    const clients: AppConfigSessionClient[] = [];
    const tree = (
      <AppConfigProvider {...props('ui')}>
        <Client onClient={(client) => clients.push(client)} />
      </AppConfigProvider>
    );
    const view = render(tree);
    await advance(0);
    view.unmount();
    await advance(0);
    queryClient.clear();
    expect(clients[0]!.msUntilNextPoll()).toBe(Infinity);
    expect(vi.getTimerCount()).toBe(0);
    render(tree);
    await advance(0);
    expect(clients.at(-1)).not.toBe(clients[0]);
    expect(operations(requests).filter((o) => o === 'StartConfigurationSession')).toHaveLength(2);
  });

  it('keeps one client through StrictMode, and releases it like any other', async () => {
    const { props, requests, queryClient } = twoProfiles();
    const clients = new Set<AppConfigSessionClient>();
    const view = render(
      <StrictMode>
        <AppConfigProvider {...props('ui')}>
          <Client onClient={(client) => clients.add(client)} />
        </AppConfigProvider>
      </StrictMode>,
    );
    await advance(60_000);
    expect(clients.size).toBe(1);
    expect(operations(requests)).toEqual(['StartConfigurationSession', 'GetLatestConfiguration']);
    view.unmount();
    await advance(5 * 60_000);
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(requests).toHaveLength(2);
  });

  it("keeps none of a render's children or QueryClient in the client's options", () => {
    const emulator = createTestEmulator();
    const entry = createClientEntry({
      ...emulator.providerProps,
      queryClient: new QueryClient(),
      onEvent: () => {},
      children: <p>page</p>,
    });
    expect(entry.options).not.toHaveProperty('children');
    expect(entry.options).not.toHaveProperty('queryClient');
    expect(entry.options).not.toHaveProperty('onEvent');
    entry.client.dispose();
  });

  it('uses the latest headers and fetch without restarting the session', async () => {
    const { props, requests } = twoProfiles();
    const seen: string[] = [];
    const base = props('ui').fetch;
    const spy: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers).get('authorization') ?? '');
      return base(input, init);
    };
    const view = render(
      <AppConfigProvider {...props('ui')} fetch={spy} headers={{ authorization: 'Bearer one' }}>
        <Flag label="flag" />
      </AppConfigProvider>,
    );
    await advance(0);
    view.rerender(
      <AppConfigProvider
        {...props('ui')}
        fetch={spy}
        headers={() => ({ authorization: 'Bearer two' })}
      >
        <Flag label="flag" />
      </AppConfigProvider>,
    );
    await advance(60_000);
    expect(seen).toEqual(['Bearer one', 'Bearer two']);
    expect(
      requests.filter((request) => request.operation === 'StartConfigurationSession'),
    ).toHaveLength(1);
  });
});

describe('errors', () => {
  it('a hook outside any provider names itself and the fix', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <Catch>
        <Flag label="x" />
      </Catch>,
    );
    expect(screen.getByRole('alert').textContent).toMatch(
      /^Error: useFlag must be used inside <AppConfigProvider>\. Wrap the part of your app that reads flags/,
    );
  });

  it('an unknown provider name lists the names there are', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { props } = twoProfiles();
    render(
      <AppConfigProvider {...props('ui')} name="ui">
        <AppConfigProvider {...props('ops')}>
          <Catch>
            <Flag label="x" provider="checkout" />
          </Catch>
        </AppConfigProvider>
      </AppConfigProvider>,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'Error: useFlag: no <AppConfigProvider name="checkout"> above this component, only (unnamed), "ui". ' +
        'Check the name, or move the component inside that provider.',
    );
  });

  it.each([
    [
      'requiredMinimumPollIntervalInSeconds',
      { requiredMinimumPollIntervalInSeconds: 5 },
      /from 15 to 86400/,
    ],
    ['profile', { profile: '' }, /profile must be a name or ID of 1 to 128 characters/],
    ['endpoint', { endpoint: 'ftp://x' }, /endpoint must be an absolute http\(s\) URL/],
    ['persist', { persist: 'yes' }, /persist must be false or a storage with getItem and setItem/],
    ['name', { name: '' }, /name must be a non-empty string/],
    ['schema', { schema: {} }, /schema must be a Standard Schema validator/],
  ])('a bad %s prop throws InvalidOptionsError naming it', (field, bad, message) => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { props } = twoProfiles();
    let caught: unknown;
    try {
      render(<AppConfigProvider {...props('ui')} {...(bad as object)} />);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidOptionsError);
    expect((caught as InvalidOptionsError).field).toBe(field);
    expect((caught as Error).message).toMatch(/^<AppConfigProvider>: /);
    expect((caught as Error).message).toMatch(message);
  });
});
