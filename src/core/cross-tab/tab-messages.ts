/**
 * What tabs of one session tell each other over their channel. Only the tab holding the session's
 * lock (the leader) sends `state`; any tab may send `poll` and `reset`.
 */
import type { ConfigurationData } from '../types.js';
import type { TabError } from './tab-error.js';

/** The leader's schedule, in wall-clock milliseconds (every tab of a machine shares the clock). */
export interface TabSchedule {
  /** Earliest time the leader's next request may leave; Infinity once its chain stopped. */
  nextPollAt: number;
  lastResponseAt: number | undefined;
  intervalSeconds: number;
  consecutiveFailures: number;
}

/**
 * The leader's state: sent when a request of its leaves (`fetching`, without data), when its
 * answer is known, when it starts to lead, and in answer to a `poll` that was not due.
 */
export interface StateMessage {
  type: 'state';
  fetching: boolean;
  /** The leader's configuration; absent while fetching. */
  data?: ConfigurationData;
  /** What the leader's last step failed with, while it still applies. */
  error?: TabError;
  schedule: TabSchedule;
}

/** A follower's scheduler says a poll is due: poll if so, else answer with `state`. */
export interface PollMessage {
  type: 'poll';
}

/** A tab called `reset()`: the session starts afresh, and any stop is forgotten, in every tab. */
export interface ResetMessage {
  type: 'reset';
}

/**
 * The leader could not send its configuration (a schema built something a channel cannot clone):
 * every tab polls on its own from now on.
 */
export interface AloneMessage {
  type: 'alone';
}

export type TabMessage = StateMessage | PollMessage | ResetMessage | AloneMessage;

/** True for a message of this format (another version of the library uses another channel). */
export const isTabMessage = (value: unknown): value is TabMessage =>
  typeof value === 'object' &&
  value !== null &&
  ['state', 'poll', 'reset', 'alone'].includes((value as { type?: unknown }).type as string);
