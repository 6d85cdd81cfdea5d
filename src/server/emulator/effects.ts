/**
 * Effects the emulator depends on, injected with lazy defaults: the defaults look up the globals
 * at call time, so `vi.useFakeTimers()` after creation still controls them.
 */

/** Timer functions (method syntax so Node's and the browser's own functions fit). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Resolved effects. */
export interface Effects {
  now: () => number;
  random: () => number;
  timers: Timers;
}

const globalTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Fills in the defaults. */
export function resolveEffects(options: {
  now?: () => number;
  random?: () => number;
  timers?: Timers;
}): Effects {
  return {
    now: options.now ?? (() => Date.now()),
    random: options.random ?? (() => Math.random()),
    timers: options.timers ?? globalTimers,
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
