/** The snapshot a client starts with: a persisted configuration, else the initial one, else none. */
import { checkWithSchemaSync } from './check-with-schema.js';
import { loadPersisted } from './storage.js';
import type { AppConfigClientOptions, AppConfigSnapshot } from './types.js';

const EMPTY = {
  status: 'loading',
  configuration: undefined,
  versionLabel: undefined,
  contentType: undefined,
  source: undefined,
  fetchedAt: undefined,
  error: undefined,
  stopped: false,
} as const;

export function initialSnapshot<T>(
  options: AppConfigClientOptions<T>,
  key: string,
): AppConfigSnapshot<T> {
  const persisted = options.storage ? loadPersisted(options.storage, key) : undefined;
  if (persisted) {
    // A kept value written by an older app version may not fit today's schema: drop it then.
    // An asynchronous schema cannot be run here; the value passed it when it was kept.
    const checked = options.schema
      ? checkWithSchemaSync(options.schema, persisted.configuration)
      : undefined;
    if (!checked || checked.ok) {
      return {
        ...EMPTY,
        status: 'ready',
        configuration: checked?.ok ? checked.value : (persisted.configuration as T),
        versionLabel: persisted.versionLabel,
        contentType: persisted.contentType,
        source: 'persisted',
        fetchedAt: persisted.savedAt,
      };
    }
  }
  const initial = options.initialConfiguration;
  if (initial && initial.configuration !== undefined) {
    return {
      ...EMPTY,
      status: 'ready',
      configuration: initial.configuration,
      versionLabel: initial.versionLabel,
      contentType: initial.contentType,
      source: 'initial',
      fetchedAt: undefined,
    };
  }
  return { ...EMPTY };
}
