/**
 * What share-tabs-later.ts loads with `import()` once a tab has its first configuration: the tab
 * joins the others reading its session (share-session.ts). It imports no runtime code of the core
 * (sharing-kit.ts says why).
 */
import type { AppConfigClientOptions, AppConfigSessionClient } from '../types.js';
import { browserTabs, canShareTabs } from './cross-tab-environment.js';
import { shareSession } from './share-session.js';
import type { SharingKit } from './sharing-kit.js';
import { sharingOptions } from './sharing-options.js';

/** The holder of a client (the React bindings' registry entry). */
export interface TabHost {
  readonly client: AppConfigSessionClient;
  readonly options: AppConfigClientOptions;
  /** True once the client was disposed: then nothing joins. */
  readonly disposed?: boolean;
  /** Set while a scheduler polls the client: asks it to call `fetchLatest` now. */
  wake?: () => unknown;
}

/**
 * Makes `host.client` a shared session client, in place: the query options, the hooks and the
 * registry all hold that object, and every call they make from now on reaches the shared one.
 * Nothing happens where tabs cannot share, or once the client is disposed.
 */
export function joinTabs(host: TabHost, kit: SharingKit): void {
  if (host.disposed || !canShareTabs()) return;
  const { client } = host;
  // The client's methods are closures (no `this`): a copy of them is the session client itself.
  const shared = shareSession(
    { ...client },
    sharingOptions(host.options, browserTabs(), () => host.wake?.(), kit),
  );
  Object.assign(client, shared);
}
