// @vitest-environment happy-dom
/**
 * Server rendering the TanStack way (issue 10, defect 7): `prefetchAppConfig` on the server,
 * `dehydrate` + `HydrationBoundary`, and in the browser no flicker to an older persisted value,
 * no hydration mismatch, and no recoverable error for a Suspense hook.
 */
import { act, render } from '@testing-library/react';
import {
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
  dehydrate,
  hydrate,
  type DehydratedState,
} from '@tanstack/react-query';
import { Suspense, type ReactNode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storageKey } from '../../src/core/storage.js';
import { prefetchAppConfig } from '../../src/query/index.js';
import {
  AppConfigProvider,
  useAppConfigStatus,
  useFlag,
  useSuspenseFlag,
} from '../../src/react/index.js';
import { createTestEmulator, type TestEmulator } from '../../src/testing/index.js';
import { createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

const seen: string[] = [];
function Dark() {
  const text = useFlag('dark') ? 'dark on' : 'dark off';
  seen.push(text);
  return <p>{text}</p>;
}
function SuspenseDark() {
  const text = useSuspenseFlag('dark') ? 'dark on' : 'dark off';
  seen.push(text);
  return <p>{text}</p>;
}

/** A browser storage that kept `dark: on` from a visit an hour ago. */
function olderVisit(emulator: TestEmulator) {
  const { endpoint, application, environment, profile } = emulator.providerProps;
  const key = storageKey(endpoint, application, environment, profile);
  const storage = new Map([
    [
      key,
      JSON.stringify({
        format: 1,
        configuration: { dark: { enabled: true } },
        contentType: 'application/json',
        savedAt: Date.now() - 3_600_000,
      }),
    ],
  ]);
  return {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
  };
}

function page(
  emulator: TestEmulator,
  queryClient: QueryClient,
  state: DehydratedState,
  child: ReactNode,
  browser: { persist?: ReturnType<typeof olderVisit>; fetch?: typeof fetch } = {},
) {
  return (
    <QueryClientProvider client={queryClient}>
      <AppConfigProvider
        {...emulator.providerProps}
        persist={browser.persist ?? false}
        fetch={browser.fetch ?? (() => new Promise<Response>(() => {}))}
      >
        <HydrationBoundary state={state}>
          <Suspense fallback={<p>waiting</p>}>{child}</Suspense>
        </HydrationBoundary>
      </AppConfigProvider>
    </QueryClientProvider>
  );
}

async function serverRender(emulator: TestEmulator, child: ReactNode) {
  const queryClient = new QueryClient();
  await prefetchAppConfig(queryClient, {
    ...emulator.providerProps,
    fetch: emulator.fetch as typeof fetch,
  });
  const state = dehydrate(queryClient);
  // This "server" runs where `window` exists, so its provider would start a request as a
  // browser's does; the fetch given above never answers, as a server sends none.
  const html = renderToString(page(emulator, queryClient, state, child));
  return { html, state };
}

describe('prefetchAppConfig with HydrationBoundary', () => {
  it.each([
    ['useFlag', <Dark key="dark" />],
    ['useSuspenseFlag', <SuspenseDark key="suspense" />],
  ])(
    '%s: the server value is in the HTML, hydrates as is, and an older persisted value never shows',
    async (_hook, child) => {
      seen.length = 0;
      const emulator = createTestEmulator({ flags: { dark: false } });
      const { html, state } = await serverRender(emulator, child);
      expect(html).toContain('<p>dark off</p>');
      expect(state.queries[0]!.state.data).toMatchObject({ source: 'server' });

      seen.length = 0;
      const container = document.createElement('div');
      container.innerHTML = html;
      document.body.append(container);
      const recoverable = vi.fn();
      const consoleError = vi.spyOn(console, 'error');
      const fetch = vi.fn(emulator.fetch as typeof globalThis.fetch);
      let root: Root | undefined;
      await act(async () => {
        root = hydrateRoot(
          container,
          page(emulator, new QueryClient(), state, child, { persist: olderVisit(emulator), fetch }),
          { onRecoverableError: recoverable },
        );
      });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(0);
      });
      expect(recoverable).not.toHaveBeenCalled();
      expect(consoleError).not.toHaveBeenCalled();
      expect(container.textContent).toBe('dark off');
      expect(seen).not.toContain('dark on');
      expect(fetch).toHaveBeenCalledTimes(1); // the browser's own session, its first configuration with it

      emulator.deployFlags({ dark: true });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(60_000);
      });
      expect(container.textContent).toBe('dark on');
      act(() => root!.unmount());
    },
  );
});

describe('a server value hydrated after this session answered', () => {
  it('never replaces the network answer for good (a server session that saw an older version)', async () => {
    const app = createApp({ flags: { dark: false } });
    function Status() {
      const { source } = useAppConfigStatus();
      return <p>{`${useFlag('dark') ? 'dark on' : 'dark off'} ${source}`}</p>;
    }
    const view = render(
      <QueryClientProvider client={app.queryClient}>
        <AppConfigProvider {...app.props}>
          <Status />
        </AppConfigProvider>
      </QueryClientProvider>,
    );
    await vi.advanceTimersByTimeAsync(0);
    app.emulator.deployFlags({ dark: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view.getByText('dark on network')).toBeTruthy();
    // A client-side navigation: the next page's server prefetched through a session that still
    // sees the old version (a gradual deployment, a proxy that has not polled yet).
    await vi.advanceTimersByTimeAsync(1_000);
    const lagging = createTestEmulator({ flags: { dark: false } });
    const server = new QueryClient();
    await prefetchAppConfig(server, {
      ...app.props,
      endpoint: 'http://lagging.test',
      fetch: lagging.fetch as typeof fetch,
    });
    act(() => hydrate(app.queryClient, dehydrate(server)));
    // Shown until the next poll at most; before, adopted as newer, it stayed for good, since this
    // session sends empty bodies for what it sent already.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view.getByText('dark on network')).toBeTruthy();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(view.getByText('dark on network')).toBeTruthy();
    expect(app.violations()).toEqual([]);
    view.unmount();
  });
});

describe('a Suspense boundary that hydrates after the first network answer', () => {
  it('renders the server value the HTML holds: no hydration mismatch', async () => {
    // A boundary whose code or data comes later (a lazy chunk, a streamed segment): on the
    // server it renders at once; in the browser it suspends until released.
    let onServer = true;
    let release!: () => void;
    const later = new Promise<void>((resolve) => (release = resolve));
    let released = false;
    function Later({ children }: { children: ReactNode }) {
      if (!onServer && !released) throw later;
      return <>{children}</>;
    }
    const child = (
      <Later>
        <Dark />
      </Later>
    );
    const emulator = createTestEmulator({ flags: { dark: true } });
    const { html, state } = await serverRender(emulator, child);
    expect(html).toContain('<p>dark on</p>');
    onServer = false;
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const recoverable = vi.fn();
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    let root: Root | undefined;
    await act(async () => {
      root = hydrateRoot(
        container,
        page(emulator, new QueryClient(), state, child, {
          fetch: emulator.fetch as typeof globalThis.fetch,
        }),
        { onRecoverableError: recoverable },
      );
    });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0); // the browser's first answer replaces the server's
    });
    seen.length = 0;
    await act(async () => {
      released = true;
      release();
      await vi.advanceTimersByTimeAsync(0);
    });
    // Before: the late boundary rendered the defaults ("dark off") against the HTML's "dark on".
    expect(recoverable).not.toHaveBeenCalled();
    expect(seen).not.toContain('dark off');
    expect(container.textContent).toBe('dark on');
    act(() => root!.unmount());
    consoleError.mockRestore();
  });
});
