// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { focusManager, onlineManager } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  useAppConfigClient,
  useAppConfigStatus,
  useFlag,
  type AppConfigSessionClient,
} from '../../src/react/index.js';
import { advance, createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  focusManager.setFocused(undefined);
  onlineManager.setOnline(true);
  vi.useRealTimers();
});

function Reader({ flag = 'a' }: { flag?: string }) {
  return <li>{useFlag(flag) ? 'on' : 'off'}</li>;
}

function Readers({ count }: { count: number }) {
  return (
    <ul>
      {Array.from({ length: count }, (_, index) => (
        <Reader key={index} />
      ))}
    </ul>
  );
}

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  window.dispatchEvent(new Event('visibilitychange'));
}

describe('polling', () => {
  it('makes one request per interval for 200 components', async () => {
    const app = createApp({ flags: { a: true } });
    app.render(<Readers count={200} />);
    await advance(0);
    expect(app.starts()).toHaveLength(1);
    expect(app.gets()).toHaveLength(1);
    for (let interval = 1; interval <= 5; interval += 1) {
      await advance(60_000);
      expect(app.gets()).toHaveLength(1 + interval);
    }
    expect(screen.getAllByText('on')).toHaveLength(200);
    const queries = app.queryClient.getQueryCache().getAll();
    expect(queries).toHaveLength(1);
    // The readers, and the provider's observer: the only one that polls.
    expect(queries[0]!.getObserversCount()).toBe(201);
    expect(app.starts()).toHaveLength(1);
    expect(app.tooEarly()).toEqual([]);
    expect(app.violations()).toEqual([]);
  });

  it('holds as many timers for 200 readers as for one', async () => {
    const app = createApp({ flags: { a: true } });
    const view = app.render(<Readers count={1} />);
    await advance(0); // the first poll
    const one = vi.getTimerCount();
    // The provider's observer (its refetch interval and stale timer), and the query's gc timer,
    // which React Query sets after every fetch (and clears when an observer joins).
    expect(one).toBe(3);
    view.rerender(<Readers count={200} />);
    await advance(0);
    expect(vi.getTimerCount()).toBeLessThanOrEqual(one);
    await advance(60_000); // the second poll
    expect(app.gets()).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(one);
  });

  it('adds no request for StrictMode, remounts, focus, visibility and reconnect storms', async () => {
    const app = createApp({ flags: { a: true }, strict: true });
    const view = app.render(<Readers count={50} />);
    await advance(0);
    expect(app.starts()).toHaveLength(1);
    expect(app.gets()).toHaveLength(1);

    for (let interval = 1; interval <= 4; interval += 1) {
      for (let second = 0; second < 59; second += 1) {
        window.dispatchEvent(new Event('focus'));
        setVisibility(second % 2 ? 'hidden' : 'visible');
        window.dispatchEvent(new Event('online'));
        if (second % 10 === 0) {
          focusManager.setFocused(true);
          onlineManager.setOnline(false);
          onlineManager.setOnline(true);
          view.rerender(<Readers count={second % 20 ? 50 : 10} />);
        }
        await advance(1_000);
      }
      setVisibility('visible');
      focusManager.setFocused(undefined);
      view.rerender(<Readers count={50} />);
      await advance(1_000);
      expect(app.gets()).toHaveLength(1 + interval);
    }
    expect(app.starts()).toHaveLength(1);
    expect(app.tooEarly()).toEqual([]);
    expect(app.violations()).toEqual([]);
  });

  it('pauses while the tab is hidden, and on return polls only if the interval has passed', async () => {
    const clients: AppConfigSessionClient[] = [];
    function Client() {
      clients.push(useAppConfigClient());
      return null;
    }
    const app = createApp({ flags: { a: true } });
    app.render(
      <>
        <Client />
        <Readers count={3} />
      </>,
    );
    await advance(0);
    expect(app.gets()).toHaveLength(1);

    await advance(10_000);
    focusManager.setFocused(false);
    await advance(190_000); // three intervals go by unseen
    expect(app.gets()).toHaveLength(1);

    focusManager.setFocused(true); // back at 200 s: overdue, so one poll now
    await advance(0);
    expect(app.gets()).toHaveLength(2);
    expect(app.gets()[1]!.sentAt - app.gets()[0]!.sentAt).toBe(200_000);

    await advance(10_000);
    focusManager.setFocused(false);
    await advance(20_000);
    const poll = vi.spyOn(clients[0]!, 'fetchLatest');
    focusManager.setFocused(true); // back at 230 s: the next poll is due at 260 s
    await advance(0);
    expect(app.gets()).toHaveLength(2);
    expect(poll).not.toHaveBeenCalled(); // React Query did not even ask
    await advance(29_999);
    expect(app.gets()).toHaveLength(2);
    await advance(1);
    expect(app.gets()).toHaveLength(3);
    expect(app.tooEarly()).toEqual([]);
  });

  it('holds polls while offline instead of failing them, and polls once back online', async () => {
    const clients: AppConfigSessionClient[] = [];
    function Client() {
      clients.push(useAppConfigClient());
      return null;
    }
    const app = createApp({ flags: { a: true } });
    app.render(
      <>
        <Client />
        <Reader />
      </>,
    );
    await advance(0);
    onlineManager.setOnline(false);
    await advance(5 * 60_000);
    expect(app.gets()).toHaveLength(1);
    onlineManager.setOnline(true);
    await advance(0);
    expect(app.gets()).toHaveLength(2);
    expect(app.gets()[1]!.status).toBe(200);
    expect(clients[0]!.getPollState().consecutiveFailures).toBe(0);
    await advance(60_000);
    expect(app.gets()).toHaveLength(3);
  });

  it('backs off while throttled, keeps showing the flags, and recovers', async () => {
    function Status() {
      const { status, error } = useAppConfigStatus();
      return <p>{`${status} ${error?.name ?? 'no error'}`}</p>;
    }
    const app = createApp({ flags: { a: true }, provider: { random: () => 0.5 } });
    app.render(
      <>
        <Reader />
        <Status />
      </>,
    );
    await advance(0);
    app.emulator.faults.inject({ kind: 'throttle', count: 5, operation: 'GetLatestConfiguration' });
    await advance(60_000);
    expect(screen.getByText('ready ThrottlingException')).toBeTruthy();
    await advance(60_000);

    const throttled = app.gets().filter((request) => request.status === 429);
    expect(throttled).toHaveLength(5);
    const gaps = throttled
      .slice(1)
      .map((request, index) => request.sentAt - throttled[index]!.answeredAt!);
    for (let index = 1; index < gaps.length; index += 1)
      expect(gaps[index]).toBeGreaterThan(gaps[index - 1]!);
    expect(screen.getByText('on')).toBeTruthy();
    expect(screen.getByText('ready no error')).toBeTruthy();
    expect(app.gets().at(-1)!.status).toBe(200);
    expect(app.tooEarly()).toEqual([]);
    expect(app.violations()).toEqual([]);
  });
});
