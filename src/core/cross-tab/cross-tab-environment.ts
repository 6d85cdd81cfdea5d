/**
 * The three browser APIs tabs share a session through, as one injected effect: the defaults are
 * the page's own, read at call time, and tests give fakes of exactly these (a lock manager and a
 * channel hub shared by several "tabs", and a document whose visibility they control).
 */
/** The part of a `BroadcastChannel` a shared session uses. */
export interface TabChannel {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

/** The part of `navigator.locks` a shared session uses. */
export interface TabLocks {
  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>;
}

/** The part of `document` a shared session uses: only visible tabs poll. */
export interface TabDocument {
  readonly visibilityState: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** What tabs of one origin share a session through. */
export interface CrossTabEnvironment {
  /** Web Locks: the tab holding a session's lock is the one that polls. */
  locks: TabLocks;
  /** Opens a channel every tab of the origin with the same name hears (not the sender itself). */
  openChannel(name: string): TabChannel;
  /** The tab's document, for its visibility. */
  document: TabDocument;
}

/** True in a page (not a server, not a worker) whose browser has Web Locks and BroadcastChannel. */
export const canShareTabs = (): boolean =>
  typeof document < 'u' && typeof BroadcastChannel < 'u' && !!globalThis.navigator?.locks;

/** The page's own Web Locks, BroadcastChannel and document (check `canShareTabs()` first). */
export function browserTabs(): CrossTabEnvironment {
  return {
    locks: navigator.locks as TabLocks,
    openChannel: (name) => new BroadcastChannel(name) as TabChannel,
    document,
  };
}
