// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFlag } from '../../src/react/index.js';
import { advance, createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Banner() {
  return <p>{useFlag('banner') ? 'banner on' : 'banner off'}</p>;
}

describe('a deployment', () => {
  it('reaches the component at the next poll, not before', async () => {
    const app = createApp({ flags: { banner: false } });
    app.render(<Banner />);
    expect(screen.getByText('banner off')).toBeTruthy();
    await advance(0);
    expect(app.gets()).toHaveLength(1);

    app.emulator.deployFlags({ banner: true });
    await advance(59_000);
    expect(screen.getByText('banner off')).toBeTruthy();
    expect(app.gets()).toHaveLength(1);

    await advance(1_000);
    expect(screen.getByText('banner on')).toBeTruthy();
    expect(app.gets()).toHaveLength(2);
    expect(app.tooEarly()).toEqual([]);
    expect(app.violations()).toEqual([]);
  });
});
