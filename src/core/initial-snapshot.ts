/** The snapshot a client starts with: a persisted configuration, else the initial one, else none. */
import { checkWithSchemaSync } from './check-with-schema.js';
import { loadPersisted } from './storage.js';
import type { AppConfigClientOptions, AppConfigSnapshot } from './types.js';

export function initialSnapshot<T>(
  options: AppConfigClientOptions<T>,
  key: string,
): AppConfigSnapshot<T> {
  const persisted = options.storage && loadPersisted(options.storage, key);
  // A kept value written by an older app version may not fit today's schema: drop it then.
  // An asynchronous schema cannot be run here; the value passed it when it was kept.
  const checked =
    persisted && options.schema && checkWithSchemaSync(options.schema, persisted.configuration);
  const initial = options.initialConfiguration;
  const from: Partial<AppConfigSnapshot<T>> | undefined =
    persisted && !checked?.issues
      ? {
          ...persisted,
          configuration: checked ? checked.value : (persisted.configuration as T),
          source: 'persisted',
          fetchedAt: persisted.savedAt,
        }
      : initial?.configuration !== undefined
        ? { ...initial, source: 'initial' }
        : undefined;
  return {
    status: from ? 'ready' : 'loading',
    configuration: from?.configuration,
    versionLabel: from?.versionLabel,
    contentType: from?.contentType,
    source: from?.source,
    fetchedAt: from?.fetchedAt,
    error: undefined,
    stopped: false,
  };
}
