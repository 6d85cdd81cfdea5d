/** "the demo polls Settings in 12 s": when a deployment of this profile will show in the demo. */
import { useEffect, useState } from 'react';
import { useAppConfigClient } from '../../../src/react/index.js';
import type { ProviderName } from '../profiles.js';

export function NextPollHint({ provider }: { provider: ProviderName }) {
  const client = useAppConfigClient({ provider });
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(timer);
  }, []);
  const wait = client.msUntilNextPoll();
  const text = client.getPollState().inFlight
    ? 'the demo is polling now'
    : Number.isFinite(wait)
      ? `the demo’s next poll is in ${Math.max(0, Math.ceil(wait / 1000))} s`
      : 'the demo’s client is stopped';
  return (
    <span className="next-poll" data-testid={`next-poll-${provider}`}>
      {text}
    </span>
  );
}
