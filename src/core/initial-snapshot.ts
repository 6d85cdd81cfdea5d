/** The snapshot a client starts with: a persisted configuration, else the initial one, else none. */
import { checkWithSchemaSync } from './check-with-schema.js';
import { loadPersisted } from './storage.js';
import type { AppConfigClientOptions, AppConfigSnapshot } from './types.js';

export function initialSnapshot<T>(
  options: AppConfigClientOptions<T>,
  key: string,
): AppConfigSnapshot<T> {
  const persisted = options.storage && loadPersisted(options.storage, key);
  // The kept value is the decoded configuration, before the schema: run the schema again (an
  // older app version may have kept something today's schema refuses). An asynchronous schema
  // cannot run before the first render, so its kept value is not used.
  const checked =
    persisted && options.schema && checkWithSchemaSync(options.schema, persisted.configuration);
  const initial = options.initialConfiguration;
  const from: Partial<AppConfigSnapshot<T>> | undefined =
    persisted && (!options.schema || (checked && !checked.issues))
      ? {
          ...persisted,
          configuration:
            checked && 'value' in checked ? checked.value : (persisted.configuration as T),
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
