/**
 * The query key of a profile's configuration: `['appconfig', application, environment, profile,
 * context]`. It names what the data is, not where it comes from: the endpoint and the minimum poll
 * interval are left out, so a server that prefetches through its own URL and a browser that
 * polls `/appconfig` share one query (and hydration finds it).
 */
import type { EvaluationContext } from '../core/transport.js';

/** What names a profile's query. */
export interface AppConfigQueryKeyOptions {
  application: string;
  environment: string;
  profile: string;
  /** Caller context for multi-variant flags: each context is its own query. */
  context?: EvaluationContext;
}

/** The query key: `['appconfig', application, environment, profile, context ?? {}]`. */
export function appConfigQueryKey({
  application,
  environment,
  profile,
  context,
}: AppConfigQueryKeyOptions) {
  return ['appconfig', application, environment, profile, context ?? {}] as const;
}

/** The type of a profile's query key. */
export type AppConfigQueryKey = ReturnType<typeof appConfigQueryKey>;
