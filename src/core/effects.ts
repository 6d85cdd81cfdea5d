/**
 * Injected effects. Each default reads the global at call time, not at import time, so fake
 * timers installed after this module loaded (vitest, jest, sinon) still take effect.
 */

/** The timer functions the client uses; defaults are the globals. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const defaultNow = (): number => Date.now();
/** A clock that never jumps: the schedule runs on it, so a changed system clock changes nothing. */
export const defaultMonotonicNow = (): number => globalThis.performance.now();
export const defaultRandom = (): number => Math.random();
export const defaultFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);
