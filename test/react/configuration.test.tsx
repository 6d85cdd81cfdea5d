// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import {
  ConfigurationDecodeError,
  useConfiguration,
  type ConfigurationResult,
} from '../../src/react/index.js';
import { advance, Catch, createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const IDS = { application: 'shop', environment: 'prod', profile: 'settings' };
const Limits = z.object({ maxItems: z.number(), currency: z.string() });

function settingsApp(provider = {}) {
  const app = createApp({ emulator: { ids: IDS }, provider });
  const deploy = (content: unknown, versionLabel: string) =>
    app.emulator.deploy({ ...IDS, content: content as object, versionLabel });
  return { ...app, deploy };
}

const results: ConfigurationResult<number>[] = [];
const latest = () => results.at(-1);
function MaxItems() {
  const result = useConfiguration({ schema: Limits, select: (limits) => limits.maxItems });
  expectTypeOf(result.data).toEqualTypeOf<number | undefined>();
  results.push(result);
  return <p>{`max ${result.data ?? 'none'} (${result.status}, ${result.versionLabel ?? '-'})`}</p>;
}

describe('useConfiguration', () => {
  it('keeps the last value its schema accepted and reports the refusal', async () => {
    const app = settingsApp();
    app.deploy({ maxItems: 3, currency: 'EUR' }, 'v1');
    app.render(<MaxItems />);
    expect(screen.getByText('max none (loading, -)')).toBeTruthy();
    await advance(0);
    expect(screen.getByText('max 3 (ready, v1)')).toBeTruthy();
    expect(latest()?.error).toBeUndefined();

    app.deploy({ maxItems: 'many', currency: 'EUR' }, 'v2');
    await advance(60_000);
    expect(screen.getByText('max 3 (ready, v1)')).toBeTruthy();
    expect(latest()?.error).toBeInstanceOf(ConfigurationDecodeError);
    const error = latest()?.error as ConfigurationDecodeError;
    expect(error.versionLabel).toBe('v2');
    expect(error.issues?.[0]?.path).toEqual(['maxItems']);
    expect(error.message).toMatch(/useConfiguration/);

    app.deploy({ maxItems: 5, currency: 'EUR' }, 'v3');
    await advance(60_000);
    expect(screen.getByText('max 5 (ready, v3)')).toBeTruthy();
    expect(latest()?.error).toBeUndefined();
  });

  it('reports status error when its schema refused the only configuration, while other hooks read it', async () => {
    function Raw() {
      const { data } = useConfiguration({ select: (value) => JSON.stringify(value) });
      expectTypeOf(data).toEqualTypeOf<string | undefined>();
      return <p>{`raw ${data ?? 'none'}`}</p>;
    }
    const app = settingsApp();
    app.deploy({ maxItems: 'many' }, 'v1');
    app.render(
      <>
        <MaxItems />
        <Raw />
      </>,
    );
    await advance(0);
    expect(screen.getByText('max none (error, -)')).toBeTruthy();
    expect(screen.getByText('raw {"maxItems":"many"}')).toBeTruthy();
    expect(latest()?.error?.message).toMatch(/No earlier value passed it/);
  });

  it('keeps the last good configuration when the provider schema refuses one', async () => {
    function Whole() {
      const { data, error } = useConfiguration();
      return <p>{`${JSON.stringify(data)} ${error?.name ?? ''}`}</p>;
    }
    const app = settingsApp({ schema: Limits });
    app.deploy({ maxItems: 3, currency: 'EUR' }, 'v1');
    app.render(<Whole />);
    await advance(0);
    app.deploy({ maxItems: 3 }, 'v2');
    await advance(60_000);
    expect(
      screen.getByText('{"maxItems":3,"currency":"EUR"} ConfigurationDecodeError'),
    ).toBeTruthy();
  });

  it('infers data from the schema when there is no select', () => {
    function Whole() {
      const { data } = useConfiguration({ schema: Limits });
      expectTypeOf(data).toEqualTypeOf<{ maxItems: number; currency: string } | undefined>();
      const { data: raw } = useConfiguration();
      expectTypeOf(raw).toEqualTypeOf<unknown>();
      return <p>{data?.currency ?? 'none'}</p>;
    }
    const app = settingsApp();
    app.render(<Whole />);
    expect(screen.getByText('none')).toBeTruthy();
  });

  it('reads text and YAML configurations', async () => {
    function Text() {
      const { data } = useConfiguration({ select: (value) => String(value).toUpperCase() });
      return <p>{data ?? 'none'}</p>;
    }
    const text = settingsApp();
    text.emulator.deploy({ ...IDS, content: 'hello', contentType: 'text/plain' });
    text.render(<Text />);
    await advance(0);
    expect(screen.getByText('HELLO')).toBeTruthy();
    cleanup();

    const yaml = settingsApp();
    yaml.emulator.deploy({
      ...IDS,
      content: 'maxItems: 9\ncurrency: USD\n',
      contentType: 'application/x-yaml',
    });
    yaml.render(<MaxItems />);
    await advance(0);
    expect(screen.getByText('max 9 (ready, -)')).toBeTruthy();
  });

  it('refuses an asynchronous schema with a clear error', async () => {
    const Async = {
      '~standard': {
        version: 1 as const,
        vendor: 'test',
        validate: async (value: unknown) => ({ value }),
      },
    };
    function Reader() {
      useConfiguration({ schema: Async });
      return null;
    }
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = settingsApp();
    app.deploy({ maxItems: 1 }, 'v1');
    app.render(
      <Catch>
        <Reader />
      </Catch>,
    );
    await advance(0);
    expect(screen.getByRole('alert').textContent).toMatch(
      /^InvalidOptionsError: useConfiguration\(\{ schema \}\) needs a synchronous validator/,
    );
  });
});
