/** Runs a web-standard handler on a Node HTTP server (through @hono/node-server). */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  RequestError,
  getRequestListener,
  type Http2Bindings,
  type HttpBindings,
} from '@hono/node-server';
import { fastPathOf, type FastAnswer, type FastPath } from '../shared/fast-path.js';

/** Options of `serve`. */
export interface ServeOptions {
  /** TCP port; 0 picks a free one. Default 2772 (the AppConfig Agent's port). */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`, so nothing is reachable from other machines. */
  host?: string;
  /**
   * Let @hono/node-server install its lightweight `Request` and `Response` as the process's
   * globals (its own default). Responses the handler builds are then written to the socket
   * without a web-stream round trip: the emulator and the fan-out proxy spend about a third less
   * CPU per request (BENCHMARKS.md §6). They stay subclasses of the built-in ones (`instanceof`
   * holds). `false` leaves the globals alone. Default `true`.
   */
  overrideGlobalObjects?: boolean;
  /**
   * Offer each request first to the handler's fast path, if it has one (the fan-out proxy's GET
   * answered from its cached copy, the emulator's GetLatestConfiguration of a valid token: no
   * `Request`, `Response` or routing; anything else goes to the handler as always, with the same
   * bytes either way). Needs `overrideGlobalObjects`.
   * `false` sends every request to the handler. Default `true`.
   */
  fastPath?: boolean;
}

/** What the socket tells about a request, passed to the handler as its second argument. */
export interface ServeRequestInfo {
  /** The peer's IP address (the load balancer's, behind one). */
  remoteAddress?: string;
}

/** A listening server. */
export interface ServedHandler {
  /** Base URL, e.g. `http://127.0.0.1:2772`. */
  url: string;
  /** The port actually bound. */
  port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Default port: the one AWS AppConfig Agent listens on. */
export const DEFAULT_PORT = 2772;

/**
 * Serves `handler` over HTTP/1.1, passing the peer address as `info.remoteAddress` (the proxy's
 * rate limit keys on it). When the handler rejects (the emulator's `network` fault), the
 * socket is destroyed without a response, so the client sees a connection reset, as with a real
 * network failure, instead of the adapter's default empty 500.
 */
export function serve(
  handler: (request: Request, info: ServeRequestInfo) => Promise<Response>,
  options: ServeOptions = {},
): Promise<ServedHandler> {
  const host = options.host ?? '127.0.0.1';
  const listener = getRequestListener(
    async (request: Request, env: HttpBindings | Http2Bindings) => {
      try {
        const remoteAddress = env.incoming.socket?.remoteAddress;
        return await handler(request, remoteAddress ? { remoteAddress } : {});
      } catch (error) {
        env.incoming.socket?.destroy();
        throw error;
      }
    },
    {
      // A request the adapter cannot turn into a Request (a backslash in the path, a bad Host):
      // 400, as the adapter does without an errorHandler; otherwise the connection would hang.
      // For anything else, returning nothing tells the adapter the response is handled (dropped).
      errorHandler: (error) =>
        error instanceof RequestError ? new Response(null, { status: 400 }) : undefined,
      overrideGlobalObjects: options.overrideGlobalObjects ?? true,
    },
  );
  const fast =
    options.fastPath !== false && options.overrideGlobalObjects !== false
      ? fastPathOf(handler)
      : undefined;
  const server = createServer(
    fast
      ? (incoming, outgoing) => {
          if (!answerFast(fast, incoming, outgoing)) void listener(incoming, outgoing);
        }
      : listener,
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({ url: `http://${shownHost}:${port}`, port, close: () => closeServer(server) });
    });
  });
}

// @hono/node-server's tests (src/url.ts) for a URL it takes as it comes; any other it passes
// through `new URL`. The fast path builds `Request.url` the same way, so it sees the very URL the
// handler would see, or declines.
const PLAIN_TARGET = /^\/[!#$&-;=?-[\]_a-z~]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;
// The same path characters (no `?`), then a query of those and `%`, without `'` and `#` (which
// `new URL` encodes or cuts off there).
const ESCAPED_QUERY_TARGET = /^\/[!$&-;=@-[\]_a-z~]*\?[!$%&(-;=?-[\]_a-z~]*$/;
const DOTTED_QUAD =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;
const FORBIDDEN_VALUE = /[\0\r\n]/;
const HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/** The adapter's `Request.url` for a GET to a host it takes as it comes; undefined otherwise. */
function requestUrl(incoming: IncomingMessage): string | undefined {
  const target = incoming.url ?? '';
  const host = incoming.headers.host;
  if (host === undefined || !PLAIN_HOST.test(host) || target[0] !== '/') return undefined;
  const url = `http://${host}${target}`;
  if (DOT_SEGMENT.test(target)) return parsedUrl(target, url);
  if (PLAIN_TARGET.test(target)) return url;
  // Escapes in the query (a token always has some): the adapter's `new URL` would give `url`
  // back, with nothing in it to encode, unless it rewrites the host (a number it reads as IPv4).
  if (ESCAPED_QUERY_TARGET.test(target) && keepsHost(host)) return url;
  return parsedUrl(target, url);
}

function parsedUrl(target: string, url: string): string | undefined {
  // (The adapter refuses some backslashes with a 400: left to it.)
  if (target.includes('\\')) return undefined;
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}

/**
 * Whether `new URL` keeps a plain host as it is: it reads a host whose last label is a number
 * (decimal, or hex after `0x`) as IPv4 and writes it out canonically, and checks `xn--` labels.
 */
function keepsHost(host: string): boolean {
  const colon = host.indexOf(':');
  const name = colon === -1 ? host : host.slice(0, colon);
  if (name.includes('xn--')) return false;
  const labels = name.split('.');
  const last =
    labels[labels.length - 1] === '' ? labels[labels.length - 2] : labels[labels.length - 1];
  if (last === undefined || !/^(?:\d+|0x[0-9a-f]*)$/.test(last)) return true;
  return DOTTED_QUAD.test(name);
}

/** Writes the fast path's answer and returns true, or returns false for the handler to run. */
function answerFast(fast: FastPath, incoming: IncomingMessage, outgoing: ServerResponse): boolean {
  if (incoming.method !== 'GET') return false;
  const url = requestUrl(incoming);
  // A fragment is no part of the query: left to the handler's URL parsing.
  if (url === undefined || url.includes('#')) return false;
  const raw = incoming.rawHeaders;
  // A value `Headers` would refuse: left to the adapter (Node's parser lets few of them through).
  for (let i = 1; i < raw.length; i += 2) if (FORBIDDEN_VALUE.test(raw[i]!)) return false;
  // As the adapter's `Headers.get`: every line of that name, trimmed, joined with ", ".
  const header = (name: string): string | null => {
    let value: string | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      const rawName = raw[i]!;
      if (rawName.length !== name.length || rawName.toLowerCase() !== name) continue;
      const line = raw[i + 1]!.replace(HTTP_WHITESPACE, '');
      value = value === null ? line : `${value}, ${line}`;
    }
    return value;
  };
  const remoteAddress = incoming.socket?.remoteAddress;
  let answer: FastAnswer | undefined;
  try {
    answer = fast({
      method: 'GET',
      url,
      pathStart: url.indexOf('/', 7),
      header,
      remoteAddress,
    });
  } catch {
    return false;
  }
  if (!answer) return false;
  writeAnswer(answer, outgoing);
  return true;
}

/** As @hono/node-server writes a `Response` of a `Uint8Array` and a plain header record. */
function writeAnswer({ status, headers, body }: FastAnswer, outgoing: ServerResponse): void {
  let header: Record<string, string | number> = headers;
  let hasContentLength = false;
  let canAutoLength = true;
  for (const key in headers) {
    const name = key.toLowerCase();
    if (name === 'content-length') {
      hasContentLength = true;
      break;
    }
    if (name === 'transfer-encoding' || name === 'trailer') canAutoLength = false;
  }
  if (!hasContentLength && (!canAutoLength || !autoLength(outgoing, status, body.byteLength))) {
    header = { ...headers, 'Content-Length': body.byteLength };
  }
  outgoing.writeHead(status, header);
  outgoing.end(body);
}

/** The adapter's `trySetContentLength`: Node then writes `Content-Length` where it writes its own. */
function autoLength(outgoing: ServerResponse, status: number, length: number): boolean {
  const http1 = outgoing as ServerResponse & {
    _contentLength: number | null;
    _hasBody: boolean;
    _removedContLen: boolean;
    useChunkedEncodingByDefault: boolean;
  };
  if (
    http1._contentLength === null &&
    http1._hasBody &&
    http1.useChunkedEncodingByDefault &&
    !http1._removedContLen &&
    status >= 200 &&
    status !== 204 &&
    status !== 304 &&
    !outgoing.hasHeader('content-length') &&
    !outgoing.hasHeader('transfer-encoding') &&
    !outgoing.hasHeader('trailer')
  ) {
    http1._contentLength = length;
    return true;
  }
  return false;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections (the AWS SDK keeps them) would hold close() open otherwise.
    server.closeAllConnections();
  });
}
