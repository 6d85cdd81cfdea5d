/**
 * Puts each new deployment on the timeline, whoever made it: the editor, or a data file saved on
 * disk (the playground API's state is refreshed every 2 s). With it goes when the demo will see
 * it: its client's next poll.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useAppConfigClient } from '../../../src/react/index.js';
import { playgroundStateQuery } from '../editor/playground-api.js';
import { APPLICATION, ENVIRONMENT, PROFILES, type ProviderName } from '../profiles.js';
import type { TimelineStore } from './timeline-store.js';

export function useDeploymentsInTimeline(store: TimelineStore): void {
  const state = useQuery(playgroundStateQuery);
  const flags = useAppConfigClient({ provider: 'flags' });
  const access = useAppConfigClient({ provider: 'access' });
  const settings = useAppConfigClient({ provider: 'settings' });
  // Versions already seen, by profile; the first answer only records them.
  const seen = useRef<Map<string, number> | undefined>(undefined);

  useEffect(() => {
    const clients: Record<ProviderName, typeof flags> = { flags, access, settings };
    const deployments = state.data?.deployments;
    if (!deployments) return;
    const first = seen.current === undefined;
    const versions = (seen.current ??= new Map());
    for (const d of deployments) {
      if (d.application !== APPLICATION || d.environment !== ENVIRONMENT) continue;
      const before = versions.get(d.profile);
      versions.set(d.profile, d.versionNumber);
      if (first || (before !== undefined && d.versionNumber <= before)) continue;
      const provider = (Object.keys(PROFILES) as ProviderName[]).find(
        (name) => PROFILES[name] === d.profile,
      );
      const wait = provider ? clients[provider].msUntilNextPoll() : undefined;
      store.pushDeploy({
        at: Date.now(),
        profile: d.profile,
        versionNumber: d.versionNumber,
        versionLabel: d.versionLabel,
        nextPollInMs: wait !== undefined && Number.isFinite(wait) ? wait : undefined,
      });
    }
    // A new client (a new session) re-runs this with the same data: `seen` skips it.
  }, [state.data, store, flags, access, settings]);
}
