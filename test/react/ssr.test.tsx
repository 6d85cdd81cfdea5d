// @vitest-environment node
import { Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { QueryClient, dehydrate } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchAppConfig } from '../../src/query/index.js';
import { createTestEmulator } from '../../src/testing/index.js';
import {
  AppConfigProvider,
  preloadAppConfig,
  useAppConfigStatus,
  useConfiguration,
  useFlag,
  useFlagDetails,
  useFlags,
  useSuspenseFlag,
} from '../../src/react/index.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const ids = {
  endpoint: 'https://flags.example.com/appconfig',
  application: 'shop',
  environment: 'prod',
  profile: 'flags',
};

function Page() {
  const dark = useFlag('dark');
  const { enabled, source } = useFlagDetails('beta', { defaultValue: true });
  const flags = useFlags();
  const { data } = useConfiguration({ select: (value) => Object.keys(value as object).length });
  const { status } = useAppConfigStatus();
  return (
    <p>{`dark=${dark} beta=${enabled} source=${source ?? '-'} flags=${Object.keys(flags).join(',')} count=${data ?? '-'} status=${status}`}</p>
  );
}

describe('server rendering', () => {
  it('runs without a browser and renders the initial configuration, without requests', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const fetch = vi.fn<typeof globalThis.fetch>();
    const html = renderToString(
      <AppConfigProvider
        {...ids}
        fetch={fetch}
        initialConfiguration={{
          configuration: { dark: { enabled: true }, beta: { enabled: false } },
        }}
      >
        <Page />
      </AppConfigProvider>,
    );
    expect(html).toBe(
      '<p>dark=true beta=false source=initial flags=dark,beta count=2 status=ready</p>',
    );
    expect(fetch).not.toHaveBeenCalled();
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it('renders defaults without an initial configuration', () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const html = renderToString(
      <AppConfigProvider {...ids} fetch={fetch}>
        <Page />
      </AppConfigProvider>,
    );
    expect(html).toBe('<p>dark=false beta=true source=- flags= count=- status=loading</p>');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('renders the Suspense fallback for a Suspense hook with nothing to show', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    function Flag() {
      return <b>{String(useSuspenseFlag('dark'))}</b>;
    }
    const html = renderToString(
      <AppConfigProvider {...ids} fetch={vi.fn()}>
        <Suspense fallback={<i>loading</i>}>
          <Flag />
        </Suspense>
      </AppConfigProvider>,
    );
    expect(html).toContain('<i>loading</i>');
    expect(html).not.toContain('<b>');
  });
});

describe('preloadAppConfig on a server', () => {
  it('does nothing: no request, no timer, no client kept for the next request', async () => {
    vi.useFakeTimers();
    const emulator = createTestEmulator({ flags: { dark: true } });
    const fetch = vi.fn(emulator.fetch as typeof globalThis.fetch);
    const queryClient = new QueryClient();
    preloadAppConfig(queryClient, { ...emulator.providerProps, fetch });
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    // A provider rendered on the server afterwards shows defaults and sends nothing either.
    const html = renderToString(
      <AppConfigProvider {...emulator.providerProps} fetch={fetch} queryClient={queryClient}>
        <Page />
      </AppConfigProvider>,
    );
    expect(html).toContain('source=-');
    expect(fetch).not.toHaveBeenCalled();
    vi.useRealTimers();
  });
});

describe('prefetchAppConfig on a server', () => {
  it('fetches once, as server data, and leaves no timer and no open client', async () => {
    vi.useFakeTimers();
    const emulator = createTestEmulator({ flags: { dark: true } });
    const fetch = vi.fn(emulator.fetch as typeof globalThis.fetch);
    const queryClient = new QueryClient();
    await prefetchAppConfig(queryClient, { ...emulator.providerProps, fetch });
    const [query] = dehydrate(queryClient).queries;
    expect(query!.state.data).toMatchObject({
      configuration: { dark: { enabled: true } },
      source: 'server',
    });
    expect(fetch).toHaveBeenCalledTimes(1); // the session start, with the first configuration
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });

  it('prefetches nothing, and leaves no timer, when AppConfig fails', async () => {
    vi.useFakeTimers();
    const emulator = createTestEmulator({ flags: { dark: false } });
    const queryClient = new QueryClient();
    await prefetchAppConfig(queryClient, {
      ...emulator.providerProps,
      profile: 'missing',
      fetch: emulator.fetch as typeof fetch,
    });
    expect(dehydrate(queryClient).queries).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });
});
