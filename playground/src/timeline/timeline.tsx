/** What each client did, newest first: sessions, polls, throttling and backoff, token renewal. */
import { useSyncExternalStore } from 'react';
import { PROFILES, PROVIDER_NAMES } from '../profiles.js';
import { describeEntry } from './describe-event.js';
import { PollCountdown } from './poll-countdown.js';
import type { TimelineEntry, TimelineStore } from './timeline-store.js';
import { useDeploymentsInTimeline } from './use-deployments-in-timeline.js';

const time = (at: number) =>
  new Date(at).toLocaleTimeString(undefined, { hour12: false }) +
  `.${String(at % 1000).padStart(3, '0')}`;

/** Each entry described, newest first. */
const described = (entries: readonly TimelineEntry[]) =>
  entries.map((entry) => ({ entry, text: describeEntry(entry) })).reverse();

export function Timeline({ store }: { store: TimelineStore }) {
  useDeploymentsInTimeline(store);
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
        {described(entries).map(({ entry, text: { title, detail, tone } }) => (
          <li key={entry.id} className={`tone-${tone}`}>
            <time>{time(entry.kind === 'client' ? entry.event.at : entry.at)}</time>
            <span className="timeline-profile">
              {entry.kind === 'client' ? PROFILES[entry.provider] : 'deployment'}
            </span>
            <strong>{title}</strong>
            {detail && <span className="timeline-detail">{detail}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}
