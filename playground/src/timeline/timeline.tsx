/** What each client did, newest first: sessions, polls, throttling and backoff, token renewal. */
import { useSyncExternalStore } from 'react';
import { PROFILES, PROVIDER_NAMES } from '../profiles.js';
import { describeEvent } from './describe-event.js';
import { PollCountdown } from './poll-countdown.js';
import type { TimelineStore } from './timeline-store.js';

const time = (at: number) =>
  new Date(at).toLocaleTimeString(undefined, { hour12: false }) +
  `.${String(at % 1000).padStart(3, '0')}`;

export function Timeline({ store }: { store: TimelineStore }) {
  const entries = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return (
    <>
      <ul className="countdowns">
        {PROVIDER_NAMES.map((name) => (
          <PollCountdown key={name} provider={name} />
        ))}
      </ul>
      <div className="timeline-head">
        <span className="muted">{entries.length} events</span>
        <button type="button" className="link" onClick={store.clear}>
          clear
        </button>
      </div>
      <ol className="timeline" data-testid="timeline">
        {[...entries].reverse().map(({ id, provider, event }) => {
          const { title, detail, tone } = describeEvent(event);
          return (
            <li key={id} className={`tone-${tone}`}>
              <time>{time(event.at)}</time>
              <span className="timeline-profile">{PROFILES[provider]}</span>
              <strong>{title}</strong>
              {detail && <span className="timeline-detail">{detail}</span>}
            </li>
          );
        })}
      </ol>
    </>
  );
}
