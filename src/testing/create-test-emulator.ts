/**
 * The in-process emulator, set up for tests of an app: one profile, flags written the way hooks
 * read them, and the props that point `<AppConfigProvider>` at it.
 */
import type { FeatureFlag } from '../core/flags.js';
// The client loads its YAML parser with import() when the first YAML configuration arrives.
// Loaded with the emulator, it is ready within the ticks fake timers advance, so a test's first
// YAML configuration decodes as promptly as JSON does.
import '../core/parse-yaml.js';
import { createEmulator } from '../server/index.js';
import type { ConfigurationRef, DeployResult, Emulator, EmulatorOptions } from '../server/index.js';
import { emulatorProviderProps, type EmulatorProviderProps } from './emulator-provider-props.js';

/** Flags as hooks read them: `true`/`false`, or `{ enabled, ...attributes }`. */
export type TestFlags = Record<string, boolean | FeatureFlag>;

/** Options of `createTestEmulator`. */
export interface TestEmulatorOptions extends EmulatorOptions {
  /** The profile the helpers deploy to. Default `{ application: 'app', environment: 'test', profile: 'flags' }`. */
  ids?: ConfigurationRef;
  /** Flags deployed at creation. Default: none (the profile does not exist until `deployFlags`). */
  flags?: TestFlags;
}

/** An emulator with helpers for one feature-flag profile. */
export interface TestEmulator extends Emulator {
  /** The profile `deployFlags` writes and `providerProps` reads. */
  readonly ids: ConfigurationRef;
  /** Spread into `<AppConfigProvider {...emulator.providerProps}>`: endpoint, fetch, ids, `persist: false`. */
  readonly providerProps: EmulatorProviderProps;
  /** Deploys a new version of the profile's flags (served at the client's next poll). */
  deployFlags(flags: TestFlags, options?: { versionLabel?: string }): DeployResult;
}

/** The stored AppConfig document for flags given in the served form. */
export function featureFlagsDocument(flags: TestFlags): object {
  const entries = Object.entries(flags).map(
    ([key, flag]) => [key, typeof flag === 'boolean' ? { enabled: flag } : flag] as const,
  );
  return {
    version: '1',
    flags: Object.fromEntries(
      entries.map(([key, { enabled: _enabled, ...attributes }]) => [
        key,
        Object.keys(attributes).length
          ? {
              name: key,
              attributes: Object.fromEntries(Object.keys(attributes).map((name) => [name, {}])),
            }
          : { name: key },
      ]),
    ),
    values: Object.fromEntries(entries),
  };
}

/**
 * Creates an in-process emulator for tests, with `enforcePollInterval: 'always'` so a client that
 * polls early gets AppConfig's "Request too early" rather than silent success. Share the clock:
 * with fake timers, both sides read `Date.now()` by default.
 *
 * @example
 * const emulator = createTestEmulator({ flags: { darkMode: true } });
 * render(<AppConfigProvider {...emulator.providerProps}><App /></AppConfigProvider>);
 * emulator.deployFlags({ darkMode: false });
 */
export function createTestEmulator(options: TestEmulatorOptions = {}): TestEmulator {
  const {
    ids = { application: 'app', environment: 'test', profile: 'flags' },
    flags,
    ...rest
  } = options;
  const emulator = createEmulator({ enforcePollInterval: 'always', ...rest });
  const deployFlags = (next: TestFlags, deploy: { versionLabel?: string } = {}) =>
    emulator.deploy({
      ...ids,
      type: 'AWS.AppConfig.FeatureFlags',
      content: featureFlagsDocument(next),
      ...(deploy.versionLabel === undefined ? {} : { versionLabel: deploy.versionLabel }),
    });
  if (flags) deployFlags(flags);
  return Object.assign(emulator, {
    ids,
    providerProps: emulatorProviderProps(emulator, ids),
    deployFlags,
  });
}
