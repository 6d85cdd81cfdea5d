/**
 * The storage `persist` uses by default: the page's `localStorage`, found at call time and only in
 * a browser. On a server there is no `window`; in some privacy modes and sandboxed frames merely
 * reading `window.localStorage` throws. Either way the answer is "no storage", never an error.
 */
import type { ConfigurationStorage } from '../core/storage.js';

/** `localStorage` when this runs in a browser that allows it; otherwise undefined. */
export function defaultStorage(): ConfigurationStorage | undefined {
  if (typeof window === 'undefined') return undefined;
  try {
    return window.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
