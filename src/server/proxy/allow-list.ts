/**
 * The allow-list: which (application, environment, profile) triples browsers may read, under
 * which upstream identifiers. A caller sees the whole list or, after `authorize` narrowed it, a
 * part; everything outside what it sees answers 404 exactly as if it did not exist, naming the
 * first missing level the way AWS does (application, then environment, then profile).
 */
import { ResourceNotFoundException } from '../../core/errors.js';
import type { AllowedConfiguration, ConfigurationTriple } from './types.js';

/** An allowed configuration with its upstream identifiers resolved. */
export interface AllowedEntry {
  key: string;
  browser: ConfigurationTriple;
  upstream: ConfigurationTriple;
  /** `application/environment/profile`, for logs. */
  label: string;
}

/** The entries one caller may read. */
export interface Visible {
  find(triple: ConfigurationTriple): AllowedEntry | undefined;
  /** The 404 for a triple this caller may not read. */
  notFound(triple: ConfigurationTriple): ResourceNotFoundException;
}

export const tripleKey = (t: ConfigurationTriple) =>
  JSON.stringify([t.application, t.environment, t.profile]);

/** Builds the list. Options were validated before (names, duplicates). */
export function createAllowList(allowed: readonly AllowedConfiguration[]) {
  const entries = new Map<string, AllowedEntry>();
  for (const item of allowed) {
    const browser = {
      application: item.application,
      environment: item.environment,
      profile: item.profile,
    };
    const key = tripleKey(browser);
    entries.set(key, {
      key,
      browser,
      upstream: {
        application: item.upstream?.application ?? item.application,
        environment: item.upstream?.environment ?? item.environment,
        profile: item.upstream?.profile ?? item.profile,
      },
      label: `${item.application}/${item.environment}/${item.profile}`,
    });
  }

  const visible = (list: readonly AllowedEntry[]): Visible => {
    // Nested by level: a lookup builds no key string (it runs on every request).
    const byLevel = new Map<string, Map<string, Map<string, AllowedEntry>>>();
    for (const entry of list) {
      const { application, environment, profile } = entry.browser;
      let environments = byLevel.get(application);
      if (!environments) byLevel.set(application, (environments = new Map()));
      let profiles = environments.get(environment);
      if (!profiles) environments.set(environment, (profiles = new Map()));
      profiles.set(profile, entry);
    }
    return {
      find: (triple) =>
        byLevel.get(triple.application)?.get(triple.environment)?.get(triple.profile),
      notFound: (triple) => notFound(triple, list),
    };
  };

  const everything = visible([...entries.values()]);

  return {
    entries: [...entries.values()],
    /** Everything (no `authorize`, or it returned true). */
    all: everything,
    /** What a caller sees after `authorize` returned `{ allow }`: the intersection. */
    narrow(allow: readonly ConfigurationTriple[]): Visible {
      const list = allow.flatMap((triple) => {
        const entry = isTriple(triple) ? entries.get(tripleKey(triple)) : undefined;
        return entry ? [entry] : [];
      });
      return visible(list);
    },
  };
}

export type AllowList = ReturnType<typeof createAllowList>;

function isTriple(value: unknown): value is ConfigurationTriple {
  const t = value as ConfigurationTriple | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.application === 'string' &&
    typeof t.environment === 'string' &&
    typeof t.profile === 'string'
  );
}

function notFound(
  triple: ConfigurationTriple,
  list: readonly AllowedEntry[],
): ResourceNotFoundException {
  const inApp = list.filter((e) => e.browser.application === triple.application);
  if (inApp.length === 0) {
    return missing('Application', 'ApplicationIdentifier', triple.application);
  }
  if (!inApp.some((e) => e.browser.environment === triple.environment)) {
    return missing('Environment', 'EnvironmentIdentifier', triple.environment);
  }
  return missing('ConfigurationProfile', 'ConfigurationProfileIdentifier', triple.profile);
}

function missing(
  resourceType: 'Application' | 'Environment' | 'ConfigurationProfile',
  field: string,
  value: string,
): ResourceNotFoundException {
  const label = resourceType === 'ConfigurationProfile' ? 'Configuration profile' : resourceType;
  return new ResourceNotFoundException(`${label} ${JSON.stringify(value)} was not found.`, {
    resourceType,
    referencedBy: { [field]: value },
  });
}
