// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFlags, useFlag } from '../../src/react/index.js';
import { advance, createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const KEYS = Array.from({ length: 100 }, (_, index) => `flag${index}`);
const flagsWith = (on: ReadonlySet<string>) =>
  Object.fromEntries(KEYS.map((key) => [key, on.has(key)]));

describe('re-renders', () => {
  it('re-render only the reader of the flag that changed', async () => {
    const renders = new Map<string, number>();
    function Reader({ flag }: { flag: string }) {
      renders.set(flag, (renders.get(flag) ?? 0) + 1);
      return <li data-testid={flag}>{useFlag(flag) ? 'on' : 'off'}</li>;
    }
    const app = createApp({ flags: flagsWith(new Set()) });
    app.render(
      <ul>
        {KEYS.map((key) => (
          <Reader key={key} flag={key} />
        ))}
      </ul>,
    );
    await advance(0);
    expect(app.gets()).toHaveLength(1);
    const before = new Map(renders);

    app.emulator.deployFlags(flagsWith(new Set(['flag42'])), { versionLabel: 'v2' });
    await advance(60_000);
    expect(app.gets()).toHaveLength(2);
    expect(screen.getByTestId('flag42').textContent).toBe('on');
    const rendered = KEYS.filter((key) => renders.get(key) !== before.get(key));
    expect(rendered).toEqual(['flag42']);
    expect(renders.get('flag42')).toBe(before.get('flag42')! + 1);
  });

  it('keeps the identity of useFlags until a flag changes', async () => {
    const seen: object[] = [];
    function All() {
      const flags = useFlags();
      seen.push(flags);
      return <p>{Object.keys(flags).length} flags</p>;
    }
    const app = createApp({ flags: { a: true, b: false } });
    app.render(<All />);
    await advance(0);
    expect(screen.getByText('2 flags')).toBeTruthy();
    const count = seen.length;
    await advance(3 * 60_000); // three polls with empty bodies
    expect(app.gets()).toHaveLength(4);
    expect(seen).toHaveLength(count);

    app.emulator.deployFlags({ a: true, b: false }); // same flags, new version
    await advance(60_000);
    expect(app.gets().at(-1)!.bodyLength).toBeGreaterThan(0);
    expect(seen).toHaveLength(count);

    app.emulator.deployFlags({ a: true, b: true });
    await advance(60_000);
    expect(seen).toHaveLength(count + 1);
    expect(seen.at(-1)).toEqual({ a: { enabled: true }, b: { enabled: true } });
  });
});
