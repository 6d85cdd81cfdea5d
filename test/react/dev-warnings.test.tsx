// @vitest-environment happy-dom
/**
 * Development warnings (issue 11, item 6): said once, with what to do; and absent from
 * production bundles, by byte search of a real production build of the React entry.
 */
import { cleanup } from '@testing-library/react';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { useConfiguration, useFlag } from '../../src/react/index.js';
import { advance, createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const warnings = () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  return () => warn.mock.calls.map((call) => String(call[0]));
};

function Flag({ name }: { name: string }) {
  return <p>{`${name} ${useFlag(name)}`}</p>;
}

describe('development warnings', () => {
  it('names an unknown flag key once, listing the known ones, and hints at a profile name', async () => {
    const said = warnings();
    const app = createApp({ flags: { darkMode: true, checkout: false } });
    app.render(
      <>
        <Flag name="darkmode" />
        <Flag name="darkmode" />
        <Flag name="MyAccessListFlag" />
        <Flag name="darkMode" />
      </>,
    );
    await advance(0);
    await advance(60_000);
    expect(said()).toEqual([
      '[appconfig-react] useFlag("darkmode"): app/test/flags has no flag "darkmode", so it answers its default value. Its flags: darkMode, checkout.',
      '[appconfig-react] useFlag("MyAccessListFlag"): app/test/flags has no flag "MyAccessListFlag", so it answers its default value. Its flags: darkMode, checkout. Flag keys start with a lower-case letter; is this a profile name?',
    ]);
  });

  it('says once that the client stopped, with the AWS error', async () => {
    const said = warnings();
    const app = createApp({ flags: { dark: true }, provider: { profile: 'Missing' } });
    app.render(<Flag name="dark" />);
    await advance(0);
    await advance(60_000);
    expect(said()).toHaveLength(1);
    expect(said()[0]).toMatch(
      /^\[appconfig-react\] The AppConfig client for app\/test\/Missing stopped: ResourceNotFoundException: .+ Nothing more is polled until reset\(\)/,
    );
  });

  it('says when a free-form schema reads a feature-flag profile', async () => {
    const said = warnings();
    const Settings = z.object({ banner: z.string() });
    function Banner() {
      return <p>{String(useConfiguration({ schema: Settings }).data?.banner)}</p>;
    }
    const app = createApp({ flags: { dark: true } });
    app.render(<Banner />);
    await advance(0);
    expect(said()).toEqual([
      expect.stringMatching(
        /^\[appconfig-react\] useConfiguration\(\{ schema \}\): app\/test\/flags is a feature-flag profile/,
      ),
    ]);
  });
});

describe('production bundles', () => {
  const bundle = async (mode: 'production' | 'development') => {
    const result = await build({
      entryPoints: ['src/react/index.ts'],
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
      external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', 'yaml'],
      logLevel: 'silent',
    });
    return result.outputFiles.map((file) => file.text).join('\n');
  };
  const marks = [
    '[appconfig-react]',
    'has no flag',
    'is not a feature-flag profile',
    'Nothing more is polled until reset',
    'is a feature-flag profile, and the schema refused',
    'must be a name or ID of', // option checks
  ];

  it('carry none of the development warnings or option checks', async () => {
    const production = await bundle('production');
    const development = await bundle('development');
    for (const mark of marks) {
      expect(development, mark).toContain(mark);
      expect(production, mark).not.toContain(mark);
    }
  });
});
