// @vitest-environment happy-dom
/**
 * The web provider under `@openfeature/react-sdk`'s hooks, against the in-process emulator on
 * virtual time: one session and one poll per interval however many hooks read, and a deployment
 * re-renders only the components whose flag changed (the provider's exact `flagsChanged`).
 */
import { OpenFeature } from '@openfeature/web-sdk';
import {
  OpenFeatureProvider,
  useBooleanFlagValue,
  useNumberFlagValue,
  useStringFlagDetails,
} from '@openfeature/react-sdk';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppConfigWebProvider } from '../../src/openfeature/index.js';
import type { TestEmulator } from '../../src/testing/index.js';
import type { TestFlags } from '../../src/testing/index.js';
import { FLAGS, START, clientOptions, counts, createEmulator, freshDomain } from './harness.js';

let emulator: TestEmulator;
let renders: Map<string, number>;
beforeEach(() => {
  vi.useFakeTimers({ now: START });
  emulator = createEmulator();
  renders = new Map();
});
afterEach(async () => {
  cleanup();
  await OpenFeature.clearProviders();
  emulator.close();
  vi.useRealTimers();
});

const advance = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });

const rendered = (name: string) => renders.set(name, (renders.get(name) ?? 0) + 1);

function DarkMode({ id }: { id: number }) {
  const on = useBooleanFlagValue('darkMode', false);
  rendered(`darkMode-${id}`);
  return <li>{`darkMode ${on ? 'on' : 'off'}`}</li>;
}

function Banner() {
  const on = useBooleanFlagValue('betaBanner', false);
  rendered('betaBanner');
  return <p>{`banner ${on ? 'on' : 'off'}`}</p>;
}

function MaxItems() {
  const max = useNumberFlagValue('checkout.maxItems', 0);
  rendered('maxItems');
  return <p>{`max ${max}`}</p>;
}

function Currency() {
  const { value, reason } = useStringFlagDetails('checkout.currency', 'USD');
  rendered('currency');
  return <p>{`currency ${value} (${reason})`}</p>;
}

async function mount(readers: number) {
  const domain = freshDomain('react');
  const provider = new AppConfigWebProvider(clientOptions(emulator));
  void OpenFeature.setProviderAndWait(domain, provider);
  render(
    <OpenFeatureProvider domain={domain}>
      <ul>
        {Array.from({ length: readers }, (_, id) => (
          <DarkMode key={id} id={id} />
        ))}
      </ul>
      <Banner />
      <MaxItems />
      <Currency />
    </OpenFeatureProvider>,
  );
  await advance(0);
}

const darkModeRenders = () =>
  [...renders].filter(([name]) => name.startsWith('darkMode-')).map(([, count]) => count);

describe('with @openfeature/react-sdk', () => {
  it('makes one session and one poll per interval for 200 useBooleanFlagValue hooks', async () => {
    await mount(200);
    expect(screen.getAllByText('darkMode on')).toHaveLength(200);
    expect(screen.getByText('currency EUR (STATIC)')).toBeTruthy();
    expect(counts(emulator)).toEqual({ starts: 1, gets: 1 });
    for (let interval = 1; interval <= 5; interval += 1) {
      await advance(60_000);
      expect(counts(emulator)).toEqual({ starts: 1, gets: 1 + interval });
    }
    // AppConfig never had to refuse an early poll.
    expect(emulator.requests.every((entry) => entry.status < 400)).toBe(true);
  });

  it('re-renders only the components whose flag a deployment changed', async () => {
    await mount(50);
    const deploy = async (flags: TestFlags, versionLabel: string) => {
      const before = new Map(renders);
      emulator.deployFlags(flags, { versionLabel });
      await advance(60_000);
      return (name: string) => renders.get(name)! - before.get(name)!;
    };
    const checkout = FLAGS.checkout as object;
    const first = await deploy(
      { ...FLAGS, betaBanner: true, checkout: { ...checkout, enabled: true, maxItems: 40 } },
      'v2',
    );
    expect(screen.getByText('banner on')).toBeTruthy();
    expect(screen.getByText('max 40')).toBeTruthy();
    expect(first('betaBanner')).toBe(1);
    expect(first('maxItems')).toBe(1);
    // The react-sdk's status hook sets the same status on every announcement; React may call a
    // component once more before it bails out of such an update ("In rare cases React may still
    // need to call your component before skipping the children"), only the first time after the
    // component's own update. So: at most one call now, none from then on.
    expect(first('currency')).toBeLessThanOrEqual(1);
    expect(darkModeRenders().every((count) => count <= 3)).toBe(true);
    const settled = darkModeRenders();

    const second = await deploy(
      { ...FLAGS, betaBanner: false, checkout: { ...checkout, enabled: true, maxItems: 40 } },
      'v3',
    );
    expect(screen.getByText('banner off')).toBeTruthy();
    expect(second('betaBanner')).toBe(1);
    // maxItems updated at the last deployment: React's one extra call, as above.
    expect(second('maxItems')).toBeLessThanOrEqual(1);
    expect(second('currency')).toBe(0);
    expect(darkModeRenders()).toEqual(settled);

    const third = await deploy(FLAGS, 'v4');
    expect(screen.getByText('max 25')).toBeTruthy();
    expect(third('maxItems')).toBe(1);
    expect(third('betaBanner')).toBeLessThanOrEqual(1); // updated at the last deployment
    expect(third('currency')).toBe(0);
    expect(darkModeRenders()).toEqual(settled);
  });

  it('renders nothing again for a new version that answers every flag as before', async () => {
    await mount(3);
    const before = new Map(renders);
    emulator.deployFlags(FLAGS, { versionLabel: 'v2' });
    await advance(60_000);
    expect(counts(emulator).gets).toBe(2);
    expect(renders).toEqual(before);
  });

  it('shows STALE, then the fresh value, through the hooks', async () => {
    await mount(1);
    emulator.faults.inject({ kind: 'throttle' });
    await advance(60_000);
    expect(screen.getByText('currency EUR (STALE)')).toBeTruthy();
    await advance(5_000);
    expect(screen.getByText('currency EUR (STATIC)')).toBeTruthy();
  });
});
