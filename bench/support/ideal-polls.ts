/**
 * What a perfect client would send, computed from AppConfig's rules alone (not from our code), so
 * a run can be compared with it: one GetLatestConfiguration per allowed interval while the tab is
 * visible, and under throttling exactly the retries the documented backoff policy schedules.
 */

/** A span of virtual time, `[from, to)` in ms. */
export interface Span {
  from: number;
  to: number;
}

/**
 * Polls of a perfect client over `visible` spans (sorted, disjoint): at the start of a span it
 * polls at once if the interval has passed (the first poll, or the catch-up after a hidden tab),
 * then one per interval until the span ends. Nothing while hidden.
 */
export function idealVisiblePolls(visible: readonly Span[], intervalMs: number): number[] {
  const polls: number[] = [];
  let next = Number.NEGATIVE_INFINITY;
  for (const span of visible) {
    for (let at = Math.max(span.from, next); at < span.to; at = next) {
      polls.push(at);
      next = at + intervalMs;
    }
  }
  return polls;
}

/** The client's documented retry policy: `initialDelayMs · 2^n`, capped, with "equal jitter". */
export interface BackoffRule {
  initialDelayMs: number;
  maxDelayMs: number;
  /** The random number the run was given (a constant, so the ideal is exact). */
  random: number;
}

export interface ThrottledIdeal {
  /** Send times of every GetLatestConfiguration in `[0, untilMs)`. */
  polls: number[];
  /** The retry delays the policy prescribes after each throttled answer. */
  backoffMs: number[];
}

/**
 * A perfect client polling every `intervalMs` from 0 while every request in `throttled` is
 * answered 429: after a 429 it waits the policy's next delay (half of the ceiling plus a random
 * half), after a success one interval.
 */
export function idealThrottledPolls(
  untilMs: number,
  intervalMs: number,
  throttled: Span,
  rule: BackoffRule,
): ThrottledIdeal {
  const polls: number[] = [];
  const backoffMs: number[] = [];
  let failures = 0;
  for (let at = 0; at < untilMs;) {
    polls.push(at);
    if (at >= throttled.from && at < throttled.to) {
      const ceiling = Math.min(rule.maxDelayMs, rule.initialDelayMs * 2 ** failures);
      const delay = Math.round(ceiling / 2 + (rule.random * ceiling) / 2);
      backoffMs.push(delay);
      failures += 1;
      at += delay;
    } else {
      failures = 0;
      at += intervalMs;
    }
  }
  return { polls, backoffMs };
}
