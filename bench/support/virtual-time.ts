/**
 * Virtual time for the React benchmarks: vitest's fake timers (Date included) from a fixed start,
 * advanced inside act() so React commits every update a timer causes. Same recipe as the tests
 * (test/react/harness.tsx).
 */
import { act } from '@testing-library/react';
import { notifyManager } from '@tanstack/react-query';
import { vi } from 'vitest';

/** Virtual start of every run. */
export const START = Date.parse('2026-01-01T00:00:00Z');
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// React Query batches notifications with a zero-delay timer, which fake timers would run one
// millisecond late; a microtask keeps each notification at the instant that caused it.
notifyManager.setScheduler(queueMicrotask);

export function useVirtualTime(): void {
  vi.useFakeTimers({ now: START });
}

/** Virtual milliseconds since START. */
export const elapsed = (): number => Date.now() - START;

/** Advances virtual time by `ms` inside act(). */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** Advances virtual time to `START + at` (no-op when already there or past). */
export async function advanceTo(at: number): Promise<void> {
  const ms = at - elapsed();
  if (ms > 0) await advance(ms);
}

/** What a browser does when the tab is hidden or shown (React Query listens to this event). */
export function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  window.dispatchEvent(new Event('visibilitychange'));
}
