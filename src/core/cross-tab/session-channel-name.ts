/**
 * The name of a session's lock and channel. Tabs share a session only when everything that makes
 * one is the same: endpoint, application, environment, profile, requested interval and context.
 * The format number changes with the messages (tab-messages.ts), so two versions of the library
 * in one origin never read each other's messages: each elects its own leader.
 */
import type { AppConfigSessionClient } from '../types.js';

const FORMAT = 1;

/** `appconfig-react:tabs:<format>:<session as JSON>`. */
export function sessionChannelName(options: AppConfigSessionClient['options']): string {
  const { endpoint, application, environment, profile, context } = options;
  const interval = options.requiredMinimumPollIntervalInSeconds;
  // Keys sorted: `{ a, b }` and `{ b, a }` are one context.
  const sortedContext = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return `appconfig-react:tabs:${FORMAT}:${JSON.stringify([
    endpoint ?? null,
    application,
    environment,
    profile,
    interval ?? null,
    sortedContext,
  ])}`;
}
