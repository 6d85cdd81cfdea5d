// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storageKey } from '../../src/core/storage.js';
import { useFlag, useFlagDetails } from '../../src/react/index.js';
import { advance, createApp, useVirtualTime } from './harness.js';

beforeEach(() => {
  useVirtualTime();
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  localStorage.clear();
});

function Flag({ name }: { name: string }) {
  const { enabled, source } = useFlagDetails(name);
  return <p>{`${name} ${enabled ? 'on' : 'off'} from ${source ?? 'nowhere'}`}</p>;
}

const KEY = storageKey('http://emulator.test', 'app', 'test', 'flags');
const persisted = (configuration: unknown) =>
  JSON.stringify({
    format: 1,
    configuration,
    contentType: 'application/json',
    versionLabel: 'old',
    savedAt: 1,
  });

describe('the first render', () => {
  it('shows a persisted configuration before any request', async () => {
    const storage = new Map([[KEY, persisted({ dark: { enabled: true } })]]);
    const persist = {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
    };
    const app = createApp({ flags: { dark: false }, provider: { persist } });
    app.render(<Flag name="dark" />);
    expect(screen.getByText('dark on from persisted')).toBeTruthy();
    expect(app.requests).toHaveLength(0);

    await advance(0);
    expect(screen.getByText('dark off from network')).toBeTruthy();
    expect(JSON.parse(storage.get(KEY)!).configuration).toEqual({ dark: { enabled: false } });
  });

  it('persists to localStorage by default and reads it back on the next visit', async () => {
    const first = createApp({ flags: { dark: true }, provider: { persist: undefined } });
    const view = first.render(<Flag name="dark" />);
    expect(screen.getByText('dark off from nowhere')).toBeTruthy();
    await advance(0);
    expect(screen.getByText('dark on from network')).toBeTruthy();
    expect(localStorage.getItem(KEY)).toContain('"dark"');
    view.unmount();

    const second = createApp({ flags: { dark: false }, provider: { persist: undefined } });
    second.render(<Flag name="dark" />);
    expect(screen.getByText('dark on from persisted')).toBeTruthy();
    expect(second.requests).toHaveLength(0);
  });

  it('keeps nothing with persist={false}', async () => {
    const app = createApp({ flags: { dark: true }, provider: { persist: false } });
    app.render(<Flag name="dark" />);
    await advance(0);
    expect(screen.getByText('dark on from network')).toBeTruthy();
    expect(localStorage.length).toBe(0);
  });

  it('shows initialConfiguration before the first response, then the network one', async () => {
    const app = createApp({
      flags: { dark: false },
      provider: {
        initialConfiguration: { configuration: { dark: { enabled: true } }, versionLabel: 'boot' },
      },
    });
    app.render(<Flag name="dark" />);
    expect(screen.getByText('dark on from initial')).toBeTruthy();
    expect(app.requests).toHaveLength(0);
    await advance(0);
    expect(screen.getByText('dark off from network')).toBeTruthy();
  });

  it('answers defaultValue (false unless given) while loading and for a missing flag', async () => {
    function Both({ name }: { name: string }) {
      return <p>{`${name}: ${useFlag(name)} ${useFlag(name, { defaultValue: true })}`}</p>;
    }
    const app = createApp({ flags: { there: true } });
    app.render(
      <>
        <Both name="there" />
        <Both name="missing" />
      </>,
    );
    expect(screen.getByText('there: false true')).toBeTruthy();
    expect(screen.getByText('missing: false true')).toBeTruthy();
    await advance(0);
    expect(screen.getByText('there: true true')).toBeTruthy();
    expect(screen.getByText('missing: false true')).toBeTruthy();
  });
});
