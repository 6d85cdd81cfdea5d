// @vitest-environment happy-dom
/**
 * `preloadAppConfig`: the provider's session started before React renders. The first request
 * leaves at the call; the provider rendered later with the same props carries on with that
 * session (no second start, no early poll); one that never comes lets it go after gcTime.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AppConfigProvider,
  preloadAppConfig,
  useFlagDetails,
  type AppConfigProviderProps,
} from '../../src/react/index.js';
import { advance, createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Flag({ name }: { name: string }) {
  const { enabled, source } = useFlagDetails(name);
  return <p>{`${name} ${enabled ? 'on' : 'off'} from ${source ?? 'nowhere'}`}</p>;
}

const GC_TIME = 5 * 60 * 1000; // React Query's default

describe('preloadAppConfig', () => {
  it('sends the first request before any render; the provider carries on with its session', async () => {
    const app = createApp({ flags: { dark: true }, provider: { persist: false } });
    preloadAppConfig(app.queryClient, app.props);
    await advance(0);
    expect(app.requests).toHaveLength(1); // sent and answered, nothing rendered yet

    app.render(<Flag name="dark" />);
    // The preloaded answer is there at the first render: no default value, no second request.
    expect(screen.getByText('dark on from network')).toBeTruthy();
    await advance(0);
    expect(app.starts()).toHaveLength(1);

    app.emulator.deployFlags({ dark: false });
    await advance(60_000);
    expect(screen.getByText('dark off from network')).toBeTruthy();
    expect(app.starts()).toHaveLength(1);
    expect(app.gets()).toHaveLength(2); // the combined start, then one poll an interval later
    expect(app.tooEarly()).toEqual([]);
    expect(app.violations()).toEqual([]);
  });

  it('is taken up by a provider rendered while its request is still in flight', async () => {
    const app = createApp({ flags: { dark: true }, provider: { persist: false } });
    preloadAppConfig(app.queryClient, app.props);
    app.render(<Flag name="dark" />);
    expect(screen.getByText('dark off from nowhere')).toBeTruthy();
    await advance(0);
    expect(screen.getByText('dark on from network')).toBeTruthy();
    expect(app.requests).toHaveLength(1);
  });

  it('gives way to a provider with another session, which replaces it', async () => {
    const app = createApp({ flags: { dark: true }, provider: { persist: false } });
    preloadAppConfig(app.queryClient, { ...app.props, requiredMinimumPollIntervalInSeconds: 30 });
    await advance(0);
    app.render(<Flag name="dark" />);
    await advance(0);
    expect(screen.getByText('dark on from network')).toBeTruthy();
    expect(app.starts()).toHaveLength(2);
    // Only the provider's session polls, on its own interval (the default 60 s, not 30 s).
    await advance(59_000);
    expect(app.gets()).toHaveLength(2);
    await advance(1_000);
    expect(app.gets()).toHaveLength(3);
    expect(app.violations()).toEqual([]);
  });

  it('is let go after gcTime when no provider takes it up', async () => {
    const app = createApp({ flags: { dark: true }, provider: { persist: false } });
    preloadAppConfig(app.queryClient, app.props);
    await advance(GC_TIME - 1_000);
    expect(app.requests).toHaveLength(1); // nothing polls a session no provider holds
    await advance(1_000);
    app.render(<Flag name="dark" />);
    await advance(0);
    expect(app.starts()).toHaveLength(2); // a session of its own: the preloaded one is gone
    expect(screen.getByText('dark on from network')).toBeTruthy();
  });

  it('lets the provider that took it up change its session while mounted', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const app = createApp({ flags: { dark: true }, provider: { persist: false } });
    preloadAppConfig(app.queryClient, app.props);
    const page = (props: Partial<AppConfigProviderProps>) => (
      <AppConfigProvider {...app.props} {...props}>
        <Flag name="dark" />
      </AppConfigProvider>
    );
    const view = render(page({}));
    await advance(0);
    view.rerender(page({ requiredMinimumPollIntervalInSeconds: 30 }));
    await advance(0);
    expect(app.starts()).toHaveLength(2); // its own new session, not the preload's kept
    expect(warn).not.toHaveBeenCalled();
    await advance(30_000);
    expect(app.gets()).toHaveLength(3); // polled on the new session's 30 s
    expect(app.violations()).toEqual([]);
    warn.mockRestore();
  });

  it('warns in development when the provider is given other read-once options', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const app = createApp({ flags: { dark: true }, provider: { persist: false } });
    preloadAppConfig(app.queryClient, app.props);
    render(
      <AppConfigProvider {...app.props} live={false} requestTimeoutMs={2000}>
        <Flag name="dark" />
      </AppConfigProvider>,
    );
    await advance(0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /took up the session preloadAppConfig started .* but its live, requestTimeoutMs differ/,
    );
    warn.mockRestore();
  });
});

describe('preloadAppConfig options that are not JSON', () => {
  it('are compared by identity in the development check, without throwing in render', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const app = createApp({ flags: { dark: true }, provider: { persist: false } });
    const dark: Record<string, unknown> = { enabled: true };
    dark.self = dark; // an attribute that refers to its flag: no JSON for it
    const cyclic = { dark };
    const initialConfiguration = { configuration: cyclic };
    preloadAppConfig(app.queryClient, { ...app.props, initialConfiguration });
    render(
      <AppConfigProvider {...app.props} initialConfiguration={initialConfiguration}>
        <Flag name="dark" />
      </AppConfigProvider>,
    );
    expect(screen.getByText('dark on from initial')).toBeTruthy();
    expect(warn.mock.calls.filter(([message]) => String(message).includes('preload'))).toEqual([]);
    warn.mockRestore();
  });
});

describe('a provider mounted again, taking up the session it left', () => {
  it('may change its session while mounted (the new instance owns the client)', async () => {
    const app = createApp({ flags: { dark: true }, provider: { persist: false } });
    const page = (props: Partial<AppConfigProviderProps>) => (
      <AppConfigProvider {...app.props} {...props}>
        <Flag name="dark" />
      </AppConfigProvider>
    );
    render(page({})).unmount();
    await advance(0);
    const view = render(page({})); // another instance, same session: carries on with it
    await advance(0);
    expect(app.starts()).toHaveLength(1);
    view.rerender(page({ requiredMinimumPollIntervalInSeconds: 30 }));
    await advance(0);
    expect(app.starts()).toHaveLength(2);
  });
});
