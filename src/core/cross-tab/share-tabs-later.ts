/**
 * The part of cross-tab sharing in the provider's first bundle: a page check, and the `import()` of
 * the rest once the tab's first step (its own first request) is done. A tab opened while another
 * leads so pays one session and one GetLatestConfiguration of its own, then follows.
 */
import type { TabHost } from './join-tabs.js';
import { sharingKit } from './sharing-kit.js';

/**
 * Joins `host`'s client to the other tabs of its session after its first step, in a page. The
 * rest of the check (Web Locks, BroadcastChannel: `canShareTabs`) is the loaded module's, to keep
 * this one small: only a browser too old to have both loads the chunk for nothing.
 */
export function shareTabsLater(host: TabHost): void {
  // Never on a server: the first step would be a request.
  if (typeof document > 'u') return;
  const join = () =>
    import('./join-tabs.js').then(
      (module) => module.joinTabs(host, sharingKit),
      // The chunk failed to load (offline, a new deployment of the app): the tab polls alone.
      () => {},
    );
  host.client.fetchLatest().then(join, join);
}
