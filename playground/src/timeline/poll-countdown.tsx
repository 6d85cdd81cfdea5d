/** "next poll in 12 s" for one provider, from its client's schedule. */
import { useEffect, useState } from 'react';
import { useAppConfigClient, useAppConfigStatus } from '../../../src/react/index.js';
import { PROFILES, type ProviderName } from '../profiles.js';

export function PollCountdown({ provider }: { provider: ProviderName }) {
  const client = useAppConfigClient({ provider });
  const { status, versionLabel, source } = useAppConfigStatus({ provider });
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(timer);
  }, []);
  const wait = client.msUntilNextPoll();
  const poll = client.getPollState();
  const next = poll.inFlight
    ? 'polling…'
    : Number.isFinite(wait)
      ? `next poll in ${Math.ceil(wait / 1000)} s`
      : 'stopped';
  return (
    <li className={`countdown status-${status}`} data-testid={`countdown-${provider}`}>
      <strong>{PROFILES[provider]}</strong>
      <span>
        {status}
        {source ? ` · ${source}` : ''}
        {versionLabel ? ` · “${versionLabel}”` : ''}
      </span>
      <span className="muted">{next}</span>
    </li>
  );
}
