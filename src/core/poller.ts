/**
 * The client's own scheduler, for apps without React Query: one timer, armed for the time the
 * token chain next allows a request, while at least one caller of `startPolling()` wants it.
 * Under React the bindings never start it: React Query schedules instead.
 */
import type { Timers } from './effects.js';
import type { AppConfigClient } from './types.js';

export interface Poller {
  /** Polls until the returned function is called (counted: the last stop stops it). */
  start(): () => void;
  /** Re-arms the timer after the schedule changed outside it (reset). */
  reschedule(): void;
  dispose(): void;
}

export function createPoller(
  client: Pick<AppConfigClient<unknown>, 'poll' | 'msUntilNextPoll'>,
  timers: Timers,
): Poller {
  let pollers = 0;
  let timer: unknown;
  let disposed = false;

  const reschedule = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    const wait = client.msUntilNextPoll();
    if (pollers === 0 || disposed || wait === Infinity) return;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void client.poll().then(reschedule);
    }, wait);
  };

  return {
    start() {
      pollers += 1;
      if (pollers === 1) reschedule();
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        pollers -= 1;
        if (pollers === 0) reschedule();
      };
    },
    reschedule,
    dispose() {
      disposed = true;
      reschedule();
    },
  };
}
