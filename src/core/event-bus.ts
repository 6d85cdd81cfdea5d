/**
 * The client's listeners: snapshot listeners and event listeners. A listener that throws must not
 * cut the chain short (a configuration half-stored, a poll rejecting): each runs on its own and
 * its error is reported, not thrown here. Every notification walks a copy of the listeners, so a
 * listener that unsubscribes and subscribes again (or adds another) is called once, not forever.
 */

/** Reports an error without throwing it: the page's `reportError`, else a later uncaught throw. */
export function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (report) report(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}

/** Calls `listener` with `arg`, reporting what it throws. */
export function callSafely<A>(listener: ((arg: A) => void) | undefined, arg: A): void {
  try {
    listener?.(arg);
  } catch (error) {
    reportListenerError(error);
  }
}

export interface Listeners<A> {
  add(listener: (arg: A) => void): () => void;
  notify(arg: A): void;
  clear(): void;
}

export function createListeners<A>(): Listeners<A> {
  const set = new Set<(arg: A) => void>();
  return {
    add(listener) {
      set.add(listener);
      return () => set.delete(listener);
    },
    notify(arg) {
      for (const listener of [...set]) callSafely(listener, arg);
    },
    clear: () => set.clear(),
  };
}
