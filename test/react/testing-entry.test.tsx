// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AppConfigProvider,
  NetworkError,
  ResourceNotFoundException,
  useAppConfigStatus,
  useConfiguration,
  useFlag,
  useFlagDetails,
  useFlags,
  useSuspenseFlag,
} from '../../src/react/index.js';
import {
  AppConfigTestProvider,
  createTestEmulator,
  emulatorProviderProps,
} from '../../src/testing/index.js';
import { advance, Catch, useVirtualTime } from './harness.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Header() {
  const dark = useFlag('dark');
  const { enabled, attributes } = useFlagDetails('checkout');
  const flags = useFlags();
  return (
    <p>{`dark=${dark} checkout=${enabled} limit=${String(attributes.limit)} keys=${Object.keys(flags).join(',')}`}</p>
  );
}

describe('AppConfigTestProvider', () => {
  it('gives hooks fixed flags, without any request', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const view = render(
      <AppConfigTestProvider flags={{ dark: true, checkout: { enabled: true, limit: 3 } }}>
        <Header />
      </AppConfigTestProvider>,
    );
    expect(screen.getByText('dark=true checkout=true limit=3 keys=dark,checkout')).toBeTruthy();

    view.rerender(
      <AppConfigTestProvider flags={{ dark: false }}>
        <Header />
      </AppConfigTestProvider>,
    );
    await act0();
    expect(screen.getByText('dark=false checkout=false limit=undefined keys=dark')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('gives useConfiguration a free-form configuration, and status ready', () => {
    function Settings() {
      const { data, status, source } = useConfiguration({
        select: (value) => (value as { theme: string }).theme,
      });
      return <p>{`${data} ${status} ${source}`}</p>;
    }
    render(
      <AppConfigTestProvider configuration={{ theme: 'dark' }}>
        <Settings />
      </AppConfigTestProvider>,
    );
    expect(screen.getByText('dark ready network')).toBeTruthy();
  });

  it('simulates loading, then a configuration, for Suspense', async () => {
    const tree = (loading: boolean) => (
      <AppConfigTestProvider loading={loading} flags={{ dark: true }}>
        <Suspense fallback={<p>waiting</p>}>
          <SuspenseFlag />
        </Suspense>
      </AppConfigTestProvider>
    );
    const view = render(tree(true));
    expect(screen.getByText('waiting')).toBeTruthy();
    view.rerender(tree(false));
    await act0();
    expect(screen.getByText('true')).toBeTruthy();
  });

  it('simulates errors: reported with the flags, thrown by Suspense hooks when stopped', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    function Status() {
      const { status, error } = useAppConfigStatus();
      return <p>{`${status} ${error?.name}`}</p>;
    }
    render(
      <>
        <AppConfigTestProvider flags={{ dark: true }} error={new NetworkError('offline')}>
          <Status />
        </AppConfigTestProvider>
        <AppConfigTestProvider
          loading
          stopped
          error={new ResourceNotFoundException('no such profile')}
        >
          <Catch>
            <Suspense fallback={<p>waiting</p>}>
              <SuspenseFlag />
            </Suspense>
          </Catch>
        </AppConfigTestProvider>
      </>,
    );
    // As from a real client, the error comes from the query function: after the first render.
    expect(await screen.findByText('ready NetworkError')).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'ResourceNotFoundException: no such profile',
    );
  });

  it('supports names, and uses the app QueryClient when there is one', () => {
    const queryClient = new QueryClient();
    const seen: QueryClient[] = [];
    function Both() {
      seen.push(useQueryClient());
      return <p>{`${useFlag('x', { provider: 'outer' })} ${useFlag('x')}`}</p>;
    }
    render(
      <QueryClientProvider client={queryClient}>
        <AppConfigTestProvider name="outer" flags={{ x: true }}>
          <AppConfigTestProvider flags={{ x: false }}>
            <Both />
          </AppConfigTestProvider>
        </AppConfigTestProvider>
      </QueryClientProvider>,
    );
    expect(screen.getByText('true false')).toBeTruthy();
    expect(seen.at(-1)).toBe(queryClient);
    expect(queryClient.getQueryCache().getAll()).toHaveLength(2);
  });
});

function SuspenseFlag() {
  return <p>{String(useSuspenseFlag('dark'))}</p>;
}

/** Lets the providers' layout effects and React Query's notifications run. */
async function act0() {
  await act(async () => {});
}

describe('createTestEmulator', () => {
  beforeEach(useVirtualTime);

  it('runs the real client in process, with flags written the way hooks read them', async () => {
    const emulator = createTestEmulator({
      flags: { checkout: { enabled: true, limit: 3 }, dark: false },
    });
    render(
      <AppConfigProvider {...emulator.providerProps}>
        <Header />
      </AppConfigProvider>,
    );
    await advance(0);
    expect(screen.getByText('dark=false checkout=true limit=3 keys=checkout,dark')).toBeTruthy();
    emulator.deployFlags({ dark: true }, { versionLabel: 'v2' });
    await advance(60_000);
    expect(screen.getByText('dark=true checkout=false limit=undefined keys=dark')).toBeTruthy();
    // The session start brings the first configuration; then one poll.
    expect(emulator.requests.map((request) => request.status)).toEqual([200, 200]);
    expect(localStorage.length).toBe(0);
  });

  it('emulatorProviderProps points a provider at any emulator and profile', () => {
    const emulator = createTestEmulator();
    const props = emulatorProviderProps(emulator, {
      application: 'a',
      environment: 'b',
      profile: 'c',
    });
    expect(props).toEqual({
      endpoint: 'http://emulator.test',
      fetch: emulator.fetch,
      application: 'a',
      environment: 'b',
      profile: 'c',
      persist: false,
    });
  });
});
