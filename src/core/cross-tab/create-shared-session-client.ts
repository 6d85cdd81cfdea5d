/**
 * `createSharedSessionClient`: a session client whose session every tab of the origin that reads
 * the same one shares (share-session.ts), or a plain one where tabs cannot share.
 */
import { readErrorResponse } from '../read-error-response.js';
import { createSessionClient } from '../create-session-client.js';
import type { AppConfigClientOptions, AppConfigSessionClient } from '../types.js';
import { browserTabs, canShareTabs, type CrossTabEnvironment } from './cross-tab-environment.js';
import { shareSession } from './share-session.js';
import { sharingKit } from './sharing-kit.js';
import { sharingOptions } from './sharing-options.js';

/** Options of `createSharedSessionClient`. */
export interface SharedSessionClientOptions<T = unknown> extends AppConfigClientOptions<T> {
  /**
   * `false`: this tab polls on its own. Default: tabs share the session where the page has both
   * Web Locks and BroadcastChannel (else each polls on its own). An object supplies those APIs
   * (tests, other runtimes).
   */
  crossTab?: boolean | CrossTabEnvironment;
  /**
   * Asks your scheduler to call `fetchLatest` now: another tab's poll started or was answered
   * (so this tab's state can follow it), or, in the polling tab, another tab's schedule says a
   * poll is due. Return a falsy value when nothing schedules this client: the polling tab then
   * takes the step itself. Default: none.
   */
  wake?: () => unknown;
}

/**
 * Creates a session client (see `AppConfigSessionClient`) shared by the tabs of this origin that
 * read the same session (endpoint, application, environment, profile, interval and context). One
 * visible tab polls; the others send nothing and answer `fetchLatest` with its data or error.
 * Throws `InvalidOptionsError` for a bad option (development builds); sends nothing until
 * `fetchLatest` is called.
 */
export function createSharedSessionClient<T = unknown>(
  options: SharedSessionClientOptions<T>,
): AppConfigSessionClient<T> {
  const inner = createSessionClient(options, readErrorResponse);
  const { crossTab } = options;
  const environment =
    typeof crossTab === 'object' ? crossTab : crossTab !== false && canShareTabs() && browserTabs();
  if (!environment) return inner;
  return shareSession(
    inner,
    sharingOptions(options as AppConfigClientOptions, environment, options.wake, sharingKit),
  );
}
