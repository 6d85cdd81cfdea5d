/**
 * Fakes of the three browser APIs tabs share a session through (Web Locks, BroadcastChannel and
 * the document's visibility), for unit tests on virtual time. One origin holds a lock manager and
 * a channel hub that its tabs share:
 * - a lock goes to the first request in line; letting go (the callback's promise settling), a
 *   withdrawn request (its signal) and a crash hand it to the next, on a zero-delay timer;
 * - a message is cloned with the real `structuredClone` (so a DataCloneError is the real one) and
 *   delivered to every other open channel of that name on a zero-delay timer, as a task;
 * - a crash closes the tab's channels and frees its locks without running any of its code, as a
 *   browser does for a tab whose renderer died.
 * These are the edge only: everything above them (the shared client, its session client, React
 * Query, the emulator) is real.
 */
import type {
  CrossTabEnvironment,
  TabChannel,
  TabDocument,
} from '../../src/core/cross-tab/cross-tab-environment.js';

interface LockRequest {
  tab: FakeTab;
  name: string;
  callback: (lock: unknown) => Promise<void>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  granted: boolean;
}

export interface FakeTab {
  readonly label: string;
  readonly environment: CrossTabEnvironment;
  readonly crashed: boolean;
  /** Changes `document.visibilityState` and fires `visibilitychange`. */
  setVisible(visible: boolean): void;
  /** The renderer dies: channels go silent, locks are freed, no code of the tab runs for it. */
  crash(): void;
}

export interface FakeOrigin {
  tab(label: string, options?: { visible?: boolean }): FakeTab;
  /** Labels of the tabs holding a lock of that name (at most one). */
  holders(name?: string): string[];
  /** Every message posted, in order, with its sender. */
  readonly messages: { from: string; channel: string; message: unknown }[];
}

const abortError = () => new DOMException('The request was aborted.', 'AbortError');

export function createFakeOrigin(): FakeOrigin {
  const lines = new Map<string, LockRequest[]>();
  const channels = new Set<{ tab: FakeTab; name: string; channel: TabChannel; open: boolean }>();
  const messages: FakeOrigin['messages'] = [];

  const line = (name: string) => {
    let requests = lines.get(name);
    if (!requests) lines.set(name, (requests = []));
    return requests;
  };

  const remove = (request: LockRequest) => {
    const requests = line(request.name);
    const index = requests.indexOf(request);
    if (index >= 0) requests.splice(index, 1);
  };

  const grantNext = (name: string) => {
    const head = line(name)[0];
    if (!head || head.granted) return;
    head.granted = true;
    setTimeout(() => {
      if (head.tab.crashed || !line(name).includes(head)) return;
      Promise.resolve()
        .then(() => head.callback({ name }))
        .then(
          (value) => {
            remove(head);
            grantNext(name);
            head.resolve(value);
          },
          (error: unknown) => {
            remove(head);
            grantNext(name);
            head.reject(error);
          },
        );
    }, 0);
  };

  function tab(label: string, { visible = true } = {}): FakeTab {
    let visibility = visible ? 'visible' : 'hidden';
    let crashed = false;
    const listeners = new Set<() => void>();
    const document: TabDocument = {
      get visibilityState() {
        return visibility;
      },
      addEventListener: (_type, listener) => listeners.add(listener),
      removeEventListener: (_type, listener) => listeners.delete(listener),
    };
    const self: FakeTab = {
      label,
      get crashed() {
        return crashed;
      },
      environment: {
        document,
        locks: {
          request(name, { signal }, callback) {
            return new Promise((resolve, reject) => {
              if (signal?.aborted) return reject(abortError());
              const request: LockRequest = {
                tab: self,
                name,
                callback,
                resolve,
                reject,
                granted: false,
              };
              line(name).push(request);
              signal?.addEventListener('abort', () => {
                if (request.granted) return;
                remove(request);
                reject(abortError());
              });
              grantNext(name);
            });
          },
        },
        openChannel(name) {
          const entry = { tab: self, name, open: true, channel: undefined as never as TabChannel };
          entry.channel = {
            onmessage: null,
            postMessage(message) {
              if (!entry.open) throw new DOMException('Channel closed.', 'InvalidStateError');
              // Throws DataCloneError for what a browser could not send either.
              structuredClone(message);
              if (crashed) return;
              messages.push({ from: label, channel: name, message });
              for (const other of channels) {
                if (other === entry || other.name !== name || !other.open) continue;
                const copy = structuredClone(message);
                setTimeout(() => {
                  if (other.open && !other.tab.crashed) other.channel.onmessage?.({ data: copy });
                }, 0);
              }
            },
            close() {
              entry.open = false;
              channels.delete(entry);
            },
          };
          channels.add(entry);
          return entry.channel;
        },
      },
      setVisible(next) {
        visibility = next ? 'visible' : 'hidden';
        for (const listener of [...listeners]) listener();
      },
      crash() {
        crashed = true;
        for (const entry of [...channels]) if (entry.tab === self) channels.delete(entry);
        for (const [name, requests] of lines) {
          const mine = requests.filter((request) => request.tab === self);
          for (const request of mine) remove(request);
          if (mine.length) grantNext(name);
        }
      },
    };
    return self;
  }

  return {
    tab,
    holders: (name) =>
      [...lines]
        .filter(([lock]) => name === undefined || lock === name)
        .flatMap(([, requests]) => requests.filter((r) => r.granted).map((r) => r.tab.label)),
    messages,
  };
}
