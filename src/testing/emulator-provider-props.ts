/** Props that point `<AppConfigProvider>` at an in-process emulator. */
import type { ConfigurationRef, Emulator } from '../server/index.js';

/** What `emulatorProviderProps` returns. */
export interface EmulatorProviderProps extends ConfigurationRef {
  endpoint: string;
  fetch: typeof fetch;
  persist: false;
}

/**
 * Props for `<AppConfigProvider>` that talk to `emulator` in process (no socket, no CORS) with the
 * real client, for tests and stories. Nothing is persisted, so tests do not leak into each other.
 *
 * @example
 * <AppConfigProvider {...emulatorProviderProps(emulator, { application: 'shop', environment: 'dev', profile: 'flags' })}>
 */
export function emulatorProviderProps(
  emulator: Pick<Emulator, 'fetch'>,
  ids: ConfigurationRef,
): EmulatorProviderProps {
  return {
    endpoint: 'http://emulator.test',
    fetch: emulator.fetch as typeof fetch,
    application: ids.application,
    environment: ids.environment,
    profile: ids.profile,
    persist: false,
  };
}
