// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClient, QueryErrorResetBoundary } from '@tanstack/react-query';
import { Suspense } from 'react';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import {
  AppConfigProvider,
  useSuspenseConfiguration,
  useSuspenseFlag,
} from '../../src/react/index.js';
import { createTestEmulator } from '../../src/testing/index.js';
import { recordingFetch } from '../support/recording-fetch.js';
import { advance, Catch, createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Flag() {
  return <p>{useSuspenseFlag('dark') ? 'dark on' : 'dark off'}</p>;
}

const Flags = z.object({ dark: z.object({ enabled: z.boolean() }) });
function Dark() {
  const { data } = useSuspenseConfiguration({
    schema: Flags,
    select: (flags) => flags.dark.enabled,
  });
  expectTypeOf(data).toEqualTypeOf<boolean>();
  return <p>{`configured dark ${data}`}</p>;
}

const tree = (children: React.ReactNode) => (
  <Catch>
    <Suspense fallback={<p>waiting</p>}>{children}</Suspense>
  </Catch>
);

describe('Suspense', () => {
  it('suspends until the first configuration arrives, with one request', async () => {
    const app = createApp({ flags: { dark: true } });
    app.render(
      tree(
        <>
          <Flag />
          <Dark />
        </>,
      ),
    );
    expect(screen.getByText('waiting')).toBeTruthy();
    await advance(0);
    expect(screen.getByText('dark on')).toBeTruthy();
    expect(screen.getByText('configured dark true')).toBeTruthy();
    expect(app.starts()).toHaveLength(1);
    expect(app.gets()).toHaveLength(1);
    await advance(60_000);
    expect(app.gets()).toHaveLength(2);
    expect(app.violations()).toEqual([]);
  });

  it('works with the boundary above the provider and no QueryClient given, with one request', async () => {
    const emulator = createTestEmulator({ flags: { dark: true } });
    const recorder = recordingFetch(emulator.fetch as typeof fetch);
    render(
      <Suspense fallback={<p>waiting</p>}>
        <AppConfigProvider {...emulator.providerProps} fetch={recorder.fetch}>
          <Flag />
        </AppConfigProvider>
      </Suspense>,
    );
    expect(screen.getByText('waiting')).toBeTruthy();
    await advance(0);
    expect(screen.getByText('dark on')).toBeTruthy();
    // One request: the session start, answered with the first configuration.
    expect(recorder.requests.map((request) => [request.status, request.combined])).toEqual([
      [200, true],
    ]);
  });

  it('does not suspend with an initial configuration', () => {
    const app = createApp({
      flags: { dark: false },
      provider: { initialConfiguration: { configuration: { dark: { enabled: true } } } },
    });
    app.render(tree(<Flag />));
    expect(screen.getByText('dark on')).toBeTruthy();
  });

  it('stays suspended through transient failures, renders once the client recovers, and polls on', async () => {
    const app = createApp({
      flags: { dark: true },
      provider: { random: () => 0, requiredMinimumPollIntervalInSeconds: 15 },
    });
    app.emulator.faults.inject({ kind: 'internal', count: 3 });
    app.render(tree(<Flag />));
    await advance(1_000); // two attempts failed (at 0 s and 0.5 s), the next at 1.5 s
    expect(app.requests.filter((request) => request.status === 500)).toHaveLength(2);
    expect(screen.getByText('waiting')).toBeTruthy();
    await advance(10_000);
    expect(screen.getByText('dark on')).toBeTruthy();
    const recovered = app.gets().length;
    const recoveredAt = app.gets().at(-1)!.sentAt;
    // The provider's poller carries on after the wait that ran the requests ended: one GET per
    // interval, none early.
    await advance(3 * 15_000);
    const after = app.gets().slice(recovered);
    expect(after.map((request) => request.sentAt - recoveredAt)).toEqual([15_000, 30_000, 45_000]);
    expect(app.tooEarly()).toEqual([]);
    expect(app.violations()).toEqual([]);
  });

  it('stops the wait of a suspended child when its provider unmounts, leaving no timer', async () => {
    const app = createApp({ flags: { dark: true }, provider: { random: () => 0 } });
    app.emulator.faults.inject({ kind: 'internal', count: Infinity });
    const view = app.render(tree(<Flag />));
    await advance(1_000); // two attempts failed, the next due at 1.5 s
    expect(screen.getByText('waiting')).toBeTruthy();
    view.unmount();
    await advance(0);
    const sent = app.requests.length;
    // React Query stops retrying once nobody observes the query, and collects it gcTime after
    // that attempt ended: the client is disposed with it.
    await advance(5 * 60_000 + 10_000);
    expect(vi.getTimerCount()).toBe(0);
    await advance(60 * 60_000);
    expect(app.requests).toHaveLength(sent);
  });

  it('lets go of a provider that suspended and never mounted, after gcTime', async () => {
    const emulator = createTestEmulator({ flags: { dark: true } });
    emulator.faults.inject({ kind: 'internal', count: Infinity });
    const recorder = recordingFetch(emulator.fetch as typeof fetch);
    const view = render(
      <Suspense fallback={<p>waiting</p>}>
        <AppConfigProvider
          {...emulator.providerProps}
          fetch={recorder.fetch}
          queryClient={new QueryClient()}
          random={() => 0}
        >
          <Flag />
        </AppConfigProvider>
      </Suspense>,
    );
    await advance(1_000);
    expect(screen.getByText('waiting')).toBeTruthy();
    view.unmount(); // React says nothing of it to a render that never committed
    await advance(5 * 60_000);
    const sent = recorder.requests.length;
    await advance(5 * 60_000);
    expect(vi.getTimerCount()).toBe(0);
    await advance(60 * 60_000);
    expect(recorder.requests).toHaveLength(sent);
  });

  it("throws a lasting outage to the error boundary once React Query's retries are spent, and renders after a reset", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = createApp({ flags: { dark: true }, provider: { random: () => 0 } });
    app.emulator.faults.inject({ kind: 'internal', count: Infinity });
    let boundary = 0;
    const view = app.render(
      <QueryErrorResetBoundary>
        {({ reset }) => (
          <Catch key={boundary} onReset={reset}>
            <Suspense fallback={<p>waiting</p>}>
              <Flag />
            </Suspense>
          </Catch>
        )}
      </QueryErrorResetBoundary>,
    );
    await advance(500); // attempts at 0 s and 0.5 s failed; retries follow the client's backoff
    expect(screen.getByText('waiting')).toBeTruthy();
    // In steps, so that React renders again when a wait ends, as it would outside act().
    for (let step = 0; step < 20; step += 1) await advance(500);
    expect(screen.getByRole('alert').textContent).toMatch(/^InternalServerException/);
    // The provider polls on through the error, on the client's backoff; once AppConfig recovers
    // the query has data, and a reset boundary renders it.
    app.emulator.faults.clear();
    for (let step = 0; step < 5 * 6; step += 1) await advance(10_000); // the longest backoff
    boundary += 1;
    view.rerender(
      <QueryErrorResetBoundary>
        {({ reset }) => (
          <Catch key={boundary} onReset={reset}>
            <Suspense fallback={<p>waiting</p>}>
              <Flag />
            </Suspense>
          </Catch>
        )}
      </QueryErrorResetBoundary>,
    );
    await advance(0);
    expect(screen.getByText('dark on')).toBeTruthy();
    expect(app.violations()).toEqual([]);
  });

  it('throws the ConfigurationDecodeError when the provider schema refuses the only configuration', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = createApp({
      flags: { dark: true },
      provider: { schema: z.object({ dark: z.object({ enabled: z.literal(false) }) }) },
    });
    app.render(tree(<Flag />));
    expect(screen.getByText('waiting')).toBeTruthy();
    await advance(0);
    expect(screen.getByRole('alert').textContent).toMatch(
      /^ConfigurationDecodeError: .*does not match the schema/,
    );
    // The provider polls on: no request early, and none but one per interval.
    await advance(60_000);
    expect(app.gets()).toHaveLength(2);
    expect(app.tooEarly()).toEqual([]);
  });

  it('throws the ConfigurationDecodeError when the only configuration cannot be decoded', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const emulator = createTestEmulator({ flags: { dark: true } });
    // A proxy in between mangles every configuration it passes on.
    const mangling: typeof fetch = async (input, init) => {
      const response = await emulator.fetch(input as RequestInfo, init);
      const body = await response.arrayBuffer();
      const mangled = response.status === 200 && body.byteLength > 0 ? '{"dark":' : body;
      return new Response(mangled, { status: response.status, headers: response.headers });
    };
    render(
      <AppConfigProvider
        {...emulator.providerProps}
        fetch={mangling}
        queryClient={new QueryClient()}
      >
        {tree(<Dark />)}
      </AppConfigProvider>,
    );
    expect(screen.getByText('waiting')).toBeTruthy();
    await advance(0);
    expect(screen.getByRole('alert').textContent).toMatch(/^ConfigurationDecodeError: /);
  });

  it("throws the hook's own schema refusal, with no earlier value", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = createApp({ flags: { light: true } });
    app.render(tree(<Dark />));
    await advance(0);
    expect(screen.getByRole('alert').textContent).toMatch(
      /^ConfigurationDecodeError: .*does not match the schema given to useSuspenseConfiguration/,
    );
  });

  it('throws to the error boundary when the client stops without a configuration', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = createApp(); // nothing deployed: the profile does not exist
    app.render(tree(<Flag />));
    expect(screen.getByText('waiting')).toBeTruthy();
    await advance(0);
    expect(screen.getByRole('alert').textContent).toMatch(/^ResourceNotFoundException: /);
    await advance(10 * 60_000);
    expect(app.requests).toHaveLength(1);
  });
});
