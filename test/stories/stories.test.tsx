// @vitest-environment happy-dom
/**
 * Every story, rendered as Storybook would (project annotations: the loader that builds its
 * in-process emulator, the provider decorator) through portable stories, with what it must show.
 * `EXPECTATIONS` is typed by the story modules: a new story without an expectation does not compile.
 */
import { cleanup, configure, render, screen } from '@testing-library/react';
import { composeStories, setProjectAnnotations } from '@storybook/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import preview from '../../.storybook/preview.js';
import * as providerStories from '../../stories/app-config-provider.stories.js';
import * as typedHooksStories from '../../stories/create-app-config-hooks.stories.js';
import * as statusStories from '../../stories/use-app-config-status.stories.js';
import * as configurationStories from '../../stories/use-configuration.stories.js';
import * as flagDetailsStories from '../../stories/use-flag-details.stories.js';
import * as flagStories from '../../stories/use-flag.stories.js';
import * as flagsStories from '../../stories/use-flags.stories.js';
import * as suspenseConfigurationStories from '../../stories/use-suspense-configuration.stories.js';
import * as suspenseFlagStories from '../../stories/use-suspense-flag.stories.js';
import * as openFeatureStories from '../../stories/openfeature-web-provider.stories.js';

setProjectAnnotations(preview);
// Stories answer from the in-process emulator at once, or after a 1-2 s injected delay; the
// margin is for a busy 2-core machine running other test files alongside.
configure({ asyncUtilTimeout: 10_000 });

beforeEach(() => {
  // Error boundaries and React's report of a thrown render are expected in some stories.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(cleanup);

const modules = {
  AppConfigProvider: composeStories(providerStories),
  createAppConfigHooks: composeStories(typedHooksStories),
  useAppConfigStatus: composeStories(statusStories),
  useConfiguration: composeStories(configurationStories),
  useFlagDetails: composeStories(flagDetailsStories),
  useFlag: composeStories(flagStories),
  useFlags: composeStories(flagsStories),
  useSuspenseConfiguration: composeStories(suspenseConfigurationStories),
  useSuspenseFlag: composeStories(suspenseFlagStories),
  AppConfigWebProvider: composeStories(openFeatureStories),
};

type Modules = typeof modules;
type Expectations = { [M in keyof Modules]: { [S in keyof Modules[M]]: () => Promise<void> } };

const text = (value: string | RegExp) => screen.findByText(value);
const shows = async (...values: (string | RegExp)[]) => {
  for (const value of values) expect(await text(value)).toBeTruthy();
};
/** Shown right now, on the first render, before anything was awaited. */
const showsNow = (value: string | RegExp) => expect(screen.getByText(value)).toBeTruthy();
const absent = (value: string | RegExp) => expect(screen.queryByText(value)).toBeNull();
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const EXPECTATIONS: Expectations = {
  AppConfigProvider: {
    Ready: () =>
      shows('status: ready', 'source network · label v1', 'darkMode: on', 'betaBanner: off'),
    PersistedFirstRender: async () => {
      showsNow('source persisted · label yesterday');
      showsNow('darkMode: off');
      await shows('source network · label today', 'darkMode: on');
    },
    InitialConfiguration: async () => {
      showsNow('source initial · label built-in');
      showsNow('darkMode: off');
      await shows('source network · label v1', 'darkMode: on');
    },
    NotFound: () => shows(/ResourceNotFoundException/, 'status: error (stopped)'),
  },
  createAppConfigHooks: {
    TypedHooks: () => shows('dark mode on · checkout v2 on, up to 25 items'),
  },
  useAppConfigStatus: {
    Loading: async () => {
      await settle();
      await shows('status: loading', 'source none · label none');
    },
    Ready: () => shows('status: ready', 'source network · label v1'),
    Throttled: async () => {
      await shows(/ThrottlingException: .*\(retrying with backoff\)/);
      expect(screen.getByText('status: error')).toBeTruthy();
    },
    RecoversAfterThrottling: async () => {
      await shows('status: ready', 'source network · label v1');
      absent(/ThrottlingException/);
    },
    NetworkDown: () => shows(/NetworkError: .*\(retrying with backoff\)/),
    NotFound: () => shows(/ResourceNotFoundException/, 'status: error (stopped)'),
  },
  useConfiguration: {
    WithSchema: () =>
      shows(
        'Settings (ready)',
        'theme dark · max 12 items · “Spring sale”',
        'source network · label v1',
      ),
    SchemaFailureKeepsLastGood: async () => {
      await shows(/ConfigurationDecodeError/);
      await shows('Settings (ready)', 'theme light · max 20 items', 'source network · label v1');
      expect(screen.getByRole('alert').textContent).toMatch(/theme/);
    },
    SchemaFailureWithoutGoodValue: () =>
      shows('Settings (error)', 'no settings yet', /ConfigurationDecodeError/),
    Loading: async () => {
      await settle();
      await shows('Settings (loading)', 'no settings yet');
    },
  },
  useFlagDetails: {
    WithAttributes: () =>
      shows('maxItems', '25', 'expressPayment', 'true', /source network · label v1/),
    DisabledWithoutAttributes: async () => {
      await shows(/label v2/);
      await shows('off', 'no attributes');
    },
    MissingFlag: () => shows(/label v1 · default value \(no such flag\)/, 'off'),
  },
  useFlag: {
    FlagOn: async () => {
      await shows('AppConfig: ready · network · v1');
      showsNow('darkMode: on');
    },
    FlagOff: async () => {
      await shows('AppConfig: ready · network · v1');
      showsNow('betaBanner: off');
    },
    MissingFlagDefault: async () => {
      await shows('AppConfig: ready · network · v1');
      showsNow('newSearch: on');
    },
    WhileLoading: async () => {
      await settle();
      await shows('AppConfig: loading', 'darkMode: off');
    },
  },
  useFlags: {
    AllFlags: () =>
      shows(
        'darkMode: on',
        'betaBanner: off',
        'checkoutV2: on',
        '{"maxItems":25,"expressPayment":true}',
      ),
    WhileLoading: async () => {
      await settle();
      await shows('no flags (yet)');
    },
  },
  useSuspenseConfiguration: {
    Suspense: async () => {
      showsNow(/Suspense fallback/);
      await shows('theme dark · max 12 items (source network)');
    },
    WithInitialConfiguration: async () => {
      showsNow('theme light · max 5 items (source initial)');
      absent(/Suspense fallback/);
      await shows('theme dark · max 12 items (source network)');
    },
  },
  useSuspenseFlag: {
    Suspense: async () => {
      showsNow(/Suspense fallback/);
      await shows('darkMode: on');
    },
    NotFoundThrows: () => shows(/Error boundary: ResourceNotFoundException/),
  },
  AppConfigWebProvider: {
    Flags: () =>
      shows(
        'OpenFeature: READY',
        'darkMode: on (STATIC · v1)',
        'betaBanner: off (DISABLED · v1)',
        'checkoutV2.maxItems: 25 (STATIC · v1)',
        'checkoutV2.maxItems: none (ERROR TYPE_MISMATCH · v1)',
      ),
    FreeFormConfiguration: () =>
      shows(
        'theme: dark (STATIC · v1)',
        '/maxItems: 12 (STATIC · v1)',
        'banner: Spring sale (STATIC · v1)',
      ),
    NewDeployment: async () => {
      await shows('darkMode: off (DISABLED · v2)', 'changed: darkMode');
      // Not in flagsChanged, so its hook did not evaluate again: it still shows the v1 details.
      expect(screen.getByText('betaBanner: off (DISABLED · v1)')).toBeTruthy();
    },
    UnknownProfile: () => shows('OpenFeature: ERROR', 'darkMode: off (ERROR GENERAL · no label)'),
  },
};

for (const [title, stories] of Object.entries(modules)) {
  describe(title, () => {
    for (const [name, Story] of Object.entries(stories)) {
      it(name, async () => {
        const expectation = (EXPECTATIONS as Record<string, Record<string, () => Promise<void>>>)[
          title
        ]?.[name];
        expect(expectation, `no expectation for story ${title}/${name}`).toBeDefined();
        await Story.load();
        render(<Story />);
        await expectation!();
      });
    }
  });
}
