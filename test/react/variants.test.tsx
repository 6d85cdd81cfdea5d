// @vitest-environment happy-dom
/**
 * Multi-variant flags from the provider's `context` (issue 13, client side): the variant shows in
 * `useFlagDetails`, and a new context is one new session, no early poll of the old one, and a
 * re-render only of the flags whose value changed.
 */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFlag, useFlagDetails } from '../../src/react/index.js';
import { advance, createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const document = {
  version: '1',
  flags: {
    checkout: { name: 'Checkout', attributes: { limit: { constraints: { type: 'number' } } } },
    banner: { name: 'Banner' },
  },
  values: {
    checkout: {
      _variants: [
        {
          name: 'Beta',
          enabled: true,
          rule: '(in $userId ["ana", "bo"])',
          attributeValues: { limit: 9 },
        },
        { name: 'Default Variant', enabled: false },
      ],
    },
    banner: { enabled: true },
  },
};

const renders: string[] = [];
function Checkout() {
  const { enabled, variant, attributes } = useFlagDetails('checkout');
  renders.push('checkout');
  return <p>{`checkout ${enabled} ${variant} ${attributes.limit ?? '-'}`}</p>;
}
function Banner() {
  const on = useFlag('banner');
  renders.push('banner');
  return <p>{`banner ${on}`}</p>;
}

describe('variants by context', () => {
  it("shows the caller's variant, and a new context costs one session and re-renders only what changed", async () => {
    const app = createApp({ provider: { context: { userId: 'ana' } } });
    app.emulator.deploy({
      ...app.emulator.ids,
      type: 'AWS.AppConfig.FeatureFlags',
      content: document,
    });
    const view = app.render(
      <>
        <Checkout />
        <Banner />
      </>,
    );
    await advance(0);
    expect(screen.getByText('checkout true Beta 9')).toBeTruthy();
    expect(screen.getByText('banner true')).toBeTruthy();

    await advance(20_000);
    app.props.context = { userId: 'cy' };
    view.rerender(
      <>
        <Checkout />
        <Banner />
      </>,
    );
    // Until the new context's answer, the last value shows (no flash of defaults)…
    expect(screen.getByText('checkout true Beta 9')).toBeTruthy();
    renders.length = 0;
    await advance(0);
    // …then only the flag whose value changed renders again.
    expect(renders).toContain('checkout');
    expect(renders).not.toContain('banner');
    expect(screen.getByText('checkout false Default Variant -')).toBeTruthy();
    expect(screen.getByText('banner true')).toBeTruthy();
    // One new session for the new context; the old session's token is not sent early (or again).
    expect(app.starts()).toHaveLength(2);
    expect(app.gets()).toHaveLength(2);
    expect(app.tooEarly()).toEqual([]);
    expect(app.violations()).toEqual([]);
    renders.length = 0;
    await advance(60_000);
    expect(app.gets()).toHaveLength(3); // the new session polls; the old one polls no more
    expect(renders).toEqual([]);
  });
});
