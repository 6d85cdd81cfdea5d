/**
 * Which tab of a session polls: the one holding the session's Web Lock. A tab asks for the lock
 * while it is visible and withdraws or lets go when it is hidden; the browser lets go for a tab
 * that closes or crashes, and grants the lock to the next visible tab that asked. A leader going
 * to the background lets go only once the request it has in flight is answered (and that answer
 * sent to the others), so the next leader never polls beside it.
 */
import type { CrossTabEnvironment } from './cross-tab-environment.js';

export interface TabLeadershipOptions {
  environment: CrossTabEnvironment;
  /** The lock's name (session-channel-name.ts). */
  name: string;
  /** This tab now holds the lock. */
  onLead(): void;
  /** Hidden while leading: settles once the step in flight, if any, is answered and told. */
  beforeRelease(): Promise<unknown>;
  /** This tab let go of the lock (hidden): another may lead. Not called on `dispose()`. */
  onFollow(): void;
}

export interface TabLeadership {
  isLeader(): boolean;
  /** Withdraws the request, or lets go of the lock at once. */
  dispose(): void;
}

export function createTabLeadership(options: TabLeadershipOptions): TabLeadership {
  const { locks, document } = options.environment;
  // The request asked for, pending or granted; `letGo` is set while the lock is held.
  let request: AbortController | undefined;
  let letGo: (() => void) | undefined;
  let disposed = false;
  const wanted = () => !disposed && document.visibilityState === 'visible';

  const ask = () => {
    const controller = (request = new AbortController());
    locks
      .request(
        options.name,
        { signal: controller.signal },
        () =>
          new Promise<void>((resolve) => {
            // Withdrawn in the instant it was granted: give it straight back.
            if (request !== controller) return resolve();
            letGo = () => {
              letGo = undefined;
              request = undefined;
              resolve();
            };
            options.onLead();
          }),
      )
      // An AbortError: the tab was hidden or disposed before its turn came.
      .catch(() => {});
  };

  const update = () => {
    if (wanted()) {
      if (!request) ask();
      return;
    }
    if (!request) return;
    if (!letGo) {
      request.abort();
      request = undefined;
      return;
    }
    const held = letGo;
    void options
      .beforeRelease()
      .catch(() => {})
      .then(() => {
        // Visible again meanwhile (or already let go): keep leading.
        if (wanted() || letGo !== held) return;
        held();
        options.onFollow();
      });
  };

  document.addEventListener('visibilitychange', update);
  update();

  return {
    isLeader: () => letGo !== undefined,
    dispose() {
      if (disposed) return;
      disposed = true;
      document.removeEventListener('visibilitychange', update);
      if (letGo) letGo();
      else request?.abort();
      request = undefined;
    },
  };
}
