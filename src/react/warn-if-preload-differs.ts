/**
 * A development check for `preloadAppConfig`: the client a provider takes up was created with the
 * preload's options, and the options a client reads once (at creation) stay the preload's. Say
 * so when the provider was given others, instead of ignoring them silently.
 */
import { warnOnce } from '../core/warn-once.js';
import type { AppConfigProviderProps } from './app-config-provider-props.js';
import type { PreloadAppConfigOptions } from './preload-app-config.js';

/** The options read once, when the client is created (the session's own are compared apart). */
const READ_ONCE = [
  'live',
  'crossTab',
  'requestTimeoutMs',
  'backoff',
  'initialConfiguration',
] as const;

/** A preloaded entry, in development builds: the preload's options, kept for this check. @internal */
export interface PreloadedEntry {
  preloadedWith?: PreloadAppConfigOptions;
}

/** Equal as JSON (an inline `backoff` object is new on every render), or identical. */
function sameValue(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return Object.is(a, b); // not JSON (a cycle, a BigInt): compared by identity
  }
}

/** Warns once when `props` differ from the preload's in an option read once. @internal */
export function warnIfPreloadDiffers(
  entry: object,
  props: AppConfigProviderProps,
  hash: string,
): void {
  const { preloadedWith: preloaded } = entry as PreloadedEntry;
  if (!preloaded) return;
  const differ = READ_ONCE.filter((name) => !sameValue(preloaded[name], props[name]));
  if (!differ.length) return;
  warnOnce(
    `preload:${hash}`,
    `<AppConfigProvider> took up the session preloadAppConfig started for ${hash}, but its ` +
      `${differ.join(', ')} differ from the preload's. Those are read once, when the client is ` +
      "created, so the preload's apply. Give preloadAppConfig the provider's options.",
  );
}
