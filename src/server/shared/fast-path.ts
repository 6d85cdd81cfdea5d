/**
 * A handler's fast path: the hot request answered from the request line and headers alone, as a
 * plain status, header record and body, without a web `Request` or `Response`. A server adapter
 * that knows it (Node's `serve`) offers every request to it first and hands whatever it declines
 * to the web-standard handler, which stays the portable path and the one reference: the fast
 * path answers only what it can answer exactly as the handler would (test/server/proxy/
 * fast-path.test.ts and test/server/emulator-fast-path.test.ts run the same requests through both
 * and compare the bytes), and declines before it changes any state. Nothing here imports a
 * runtime module.
 */

/** What the fast path sees of a request. */
export interface FastRequest {
  method: string;
  /** `http://host/path?query` exactly as the adapter's `Request.url` would be. */
  url: string;
  /** Where the path starts in `url`. */
  pathStart: number;
  /** A header as `Headers.get` would return it (`null` when absent). */
  header(name: string): string | null;
  /** The peer's address, as the adapter passes it in `info`. */
  remoteAddress?: string;
}

/** The whole answer: the adapter writes it as it writes a `Response` built with these. */
export interface FastAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Answers a request, or declines with `undefined` (then the web-standard handler runs). */
export type FastPath = (request: FastRequest) => FastAnswer | undefined;

const FAST_PATH = Symbol.for('appconfig-react.fastPath');

/** Lets adapters find `fast` on `handler` (a handler's own function: it is marked in place). */
export function attachFastPath(handler: object, fast: FastPath | undefined): void {
  if (fast) Object.defineProperty(handler, FAST_PATH, { value: fast });
}

/** The fast path `handler` carries, if any. */
export function fastPathOf(handler: unknown): FastPath | undefined {
  return typeof handler === 'function'
    ? ((handler as unknown as Record<symbol, FastPath | undefined>)[FAST_PATH] ?? undefined)
    : undefined;
}
