/**
 * What a client shows before its first response: a persisted configuration or the initial one,
 * whichever is newer. An initial configuration without `fetchedAt` is taken to be older than
 * anything kept (it is usually a build-time default); with one (a server-rendered value), the
 * newer of the two wins, so a value kept from an earlier visit never hides a fresher server value.
 */
import { checkWithSchemaSync } from './check-with-schema.js';
import { loadPersisted } from './storage.js';
import type { AppConfigClientOptions, ConfigurationData } from './types.js';

export function initialData<T>(
  options: AppConfigClientOptions<T>,
  key: string,
): ConfigurationData<T> | undefined {
  const initial = options.initialConfiguration;
  const fromInitial: ConfigurationData<T> | undefined =
    initial?.configuration === undefined
      ? undefined
      : {
          configuration: initial.configuration,
          versionLabel: initial.versionLabel,
          contentType: initial.contentType,
          source: 'initial',
          fetchedAt: initial.fetchedAt,
        };
  const persisted = options.storage && loadPersisted(options.storage, key);
  if (!persisted || (fromInitial?.fetchedAt ?? -Infinity) >= persisted.savedAt) return fromInitial;
  // The kept value is the decoded configuration, before the schema: run the schema again (an
  // older app version may have kept something today's schema refuses). An asynchronous schema
  // cannot run before the first render, so its kept value is not used.
  let configuration = persisted.configuration as T;
  if (options.schema) {
    const checked = checkWithSchemaSync(options.schema, configuration);
    if (!checked || checked.issues) return fromInitial;
    configuration = checked.value;
  }
  return {
    configuration,
    versionLabel: persisted.versionLabel,
    contentType: persisted.contentType,
    source: 'persisted',
    fetchedAt: persisted.savedAt,
  };
}
