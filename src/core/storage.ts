/**
 * Keeping the last good configuration between visits, so a returning user's first render already
 * has the right flags. Any Web Storage (`localStorage`, `sessionStorage`) fits the interface.
 */

/** The part of the Web Storage interface the client uses. */
export interface ConfigurationStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What is kept for a profile. */
export interface PersistedConfiguration {
  configuration: unknown;
  contentType: string | undefined;
  versionLabel: string | undefined;
  savedAt: number;
}

const FORMAT = 1;

/**
 * The storage key for one endpoint and profile, and the caller `context` when there is one: each
 * context has its own key, so one user's variants never show at another's first render.
 */
export function storageKey(
  endpoint: string,
  application: string,
  environment: string,
  profile: string,
  context?: Record<string, unknown>,
): string {
  const key = `appconfig-react:${FORMAT}:${endpoint}:${application}:${environment}:${profile}`;
  // The replacer lists the keys in order: the same context in another order is the same key.
  return context ? `${key}:${JSON.stringify(context, Object.keys(context).sort())}` : key;
}

/** Reads a kept configuration; undefined when absent, unreadable or from another format. */
export function loadPersisted(
  storage: ConfigurationStorage,
  key: string,
): PersistedConfiguration | undefined {
  try {
    const raw = storage.getItem(key);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<PersistedConfiguration> & { format?: number };
    // Extra members (`format`) are harmless: readers pick the fields they know.
    return value.format === FORMAT && 'configuration' in value && typeof value.savedAt === 'number'
      ? (value as PersistedConfiguration)
      : undefined;
  } catch {
    // Storage can be disabled (privacy modes) or hold junk: start as if nothing was kept.
    return undefined;
  }
}

/** Keeps a configuration. Bytes are not kept (not JSON); a full or disabled storage is ignored. */
export function savePersisted(
  storage: ConfigurationStorage,
  key: string,
  value: PersistedConfiguration,
): void {
  if (value.configuration instanceof Uint8Array) return;
  try {
    storage.setItem(key, JSON.stringify({ format: FORMAT, ...value }));
  } catch {
    // Quota exceeded or storage disabled: persistence is an optimisation, never a failure.
  }
}
