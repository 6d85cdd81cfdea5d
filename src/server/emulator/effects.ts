/**
 * Effects the emulator depends on, injected with lazy defaults: the defaults look up the globals
 * at call time, so `vi.useFakeTimers()` after creation still controls them.
 */

import { defaultTimers, type Timers } from '../../core/effects.js';

/** The core's timer functions, one type for client and servers. */
export type { Timers };

/** Resolved effects. */
export interface Effects {
  now: () => number;
  random: () => number;
  timers: Timers;
}

/** Fills in the defaults. */
export function resolveEffects(options: {
  now?: () => number;
  random?: () => number;
  timers?: Timers;
}): Effects {
  return {
    now: options.now ?? (() => Date.now()),
    random: options.random ?? (() => Math.random()),
    timers: options.timers ?? defaultTimers,
  };
}

/**
 * Waits `ms` on the injected timers. Rejects with the signal's reason when it aborts first, and
 * clears the timer so nothing outlives the request.
 */
export function sleep(ms: number, timers: Timers, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      timers.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
