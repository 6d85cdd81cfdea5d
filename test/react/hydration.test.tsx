// @vitest-environment happy-dom
import { act } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storageKey } from '../../src/core/storage.js';
import { AppConfigProvider, useFlag, type AppConfigProviderProps } from '../../src/react/index.js';
import { createTestEmulator } from '../../src/testing/index.js';
import { useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  vi.useRealTimers();
});

function Dark() {
  return <p>{useFlag('dark') ? 'dark on' : 'dark off'}</p>;
}

describe('hydration', () => {
  it('matches the server markup, then shows the persisted configuration', async () => {
    const emulator = createTestEmulator({ flags: { dark: false } });
    const props: AppConfigProviderProps = {
      ...emulator.providerProps,
      initialConfiguration: { configuration: { dark: { enabled: false } } },
    };
    // What the server sent: the initial configuration (it has no storage). A QueryClient of its
    // own, as a server process would have.
    const html = renderToString(
      // This test's "server" runs where `window` exists, so its provider starts a request as a
      // browser's would; a real server sends none. It must not touch the emulator's faults.
      <AppConfigProvider
        {...props}
        persist={false}
        queryClient={new QueryClient()}
        fetch={() => new Promise<Response>(() => {})}
      >
        <Dark />
      </AppConfigProvider>,
    );
    expect(html).toBe('<p>dark off</p>');
    emulator.faults.inject({ kind: 'delay', delayMs: 5_000 }); // hold the browser's first response

    // The browser kept a newer configuration from an earlier visit.
    const key = storageKey(props.endpoint!, props.application, props.environment, props.profile);
    const saved = {
      format: 1,
      configuration: { dark: { enabled: true } },
      contentType: 'application/json',
      savedAt: 1,
    };
    const storage = new Map([[key, JSON.stringify(saved)]]);
    const persist = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    };

    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const recoverable = vi.fn();
    const consoleError = vi.spyOn(console, 'error');
    const fetch = vi.fn(emulator.fetch);
    let root: Root | undefined;
    await act(async () => {
      root = hydrateRoot(
        container,
        <AppConfigProvider {...props} persist={persist} fetch={fetch as typeof globalThis.fetch}>
          <Dark />
        </AppConfigProvider>,
        { onRecoverableError: recoverable },
      );
    });
    expect(recoverable).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
    expect(container.textContent).toBe('dark on');
    expect(fetch).toHaveBeenCalledTimes(1); // polling started after hydration

    await act(async () => {
      await vi.advanceTimersByTimeAsync(5_000);
    });
    expect(container.textContent).toBe('dark off');
    act(() => root!.unmount());
    container.remove();
  });
});
