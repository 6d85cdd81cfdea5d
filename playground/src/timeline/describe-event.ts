/** A timeline entry in words. */
import { AppConfigServiceError, type AppConfigEvent } from '../../../src/react/index.js';
import type { TimelineEntry } from './timeline-store.js';

export type Tone = 'ok' | 'info' | 'warn' | 'error' | 'deploy';

export interface EventDescription {
  title: string;
  detail?: string;
  tone: Tone;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

const SESSION_REASONS: Record<
  Extract<AppConfigEvent, { type: 'session-start' }>['reason'],
  string
> = {
  first: 'first session',
  expired: 'the token expired: new session',
  corrupted: 'the token was refused as corrupted: new session',
  interrupted: 'the last answer broke off, so its token counts as spent: new session',
  'token-age': 'the token is nearly 24 h old: new session',
  reset: 'reset: new session',
};

/** The answer was a success whose body broke off (the "Drop connection" fault, say). */
const brokeOff = (event: AppConfigEvent) =>
  event.type === 'error' &&
  event.error instanceof AppConfigServiceError &&
  event.error.code === 'IncompleteResponse';

export function describeEvent(event: AppConfigEvent): EventDescription {
  switch (event.type) {
    case 'session-start':
      return {
        title: 'StartConfigurationSession',
        detail: SESSION_REASONS[event.reason],
        tone: event.reason === 'first' ? 'info' : 'warn',
      };
    case 'session-started':
      return { title: 'Session started', detail: 'got the first token', tone: 'info' };
    case 'poll':
      return event.changed
        ? {
            // A body: a new version, or the first answer of a (new) session.
            title: 'Poll: configuration received',
            detail: `${event.versionLabel ? `label “${event.versionLabel}”, ` : ''}next poll in ${event.intervalSeconds} s`,
            tone: 'ok',
          }
        : {
            title: 'Poll: unchanged',
            detail: `empty body, next poll in ${event.intervalSeconds} s`,
            tone: 'info',
          };
    case 'too-early':
      return {
        title: 'Too early',
        detail: `AppConfig said wait; retrying in ${seconds(event.retryInMs)}`,
        tone: 'warn',
      };
    case 'error':
      return {
        title: brokeOff(event) ? 'Answer broke off' : event.error.name,
        detail: `${event.error.message}${event.retryInMs === undefined ? '' : ` — backing off, retry in ${seconds(event.retryInMs)}`}`,
        tone: 'error',
      };
    case 'rejected':
      return {
        title: `${event.error.name} (stopped)`,
        detail: event.error.message,
        tone: 'error',
      };
  }
}

/** Any timeline entry in words. */
export function describeEntry(entry: TimelineEntry): EventDescription {
  if (entry.kind === 'client') return describeEvent(entry.event);
  const label = entry.versionLabel ? ` (“${entry.versionLabel}”)` : '';
  return {
    title: `Deployed ${entry.profile} version ${entry.versionNumber}${label}`,
    detail:
      entry.nextPollInMs === undefined
        ? 'the demo’s client is stopped: it will not see this until reset'
        : `the demo reads it at its next poll, in ${Math.max(1, Math.ceil(entry.nextPollInMs / 1000))} s`,
    tone: 'deploy',
  };
}
