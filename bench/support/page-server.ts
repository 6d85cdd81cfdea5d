/**
 * The server of the browser benchmarks: built pages (bench/support/build-page.ts) and, under
 * injected latency, the AppConfig Data emulator in both flows plus a one-request flags endpoint.
 * One web-standard handler, served by our Node adapter on as many ports of 127.0.0.1 as a
 * benchmark needs (a second port is a second origin, for cross-origin runs).
 *
 * - `/<page>/` answers the page's HTML, `/<page>/*.js` its chunks (no caching).
 * - `/appconfig/*`: the emulator as it is (the combined first call).
 * - `/appconfig-two-call/*`: the same emulator with `?include` dropped, as a server that does not
 *   know the combined call answers: a 201 token, then the client GETs.
 * - `/flags`: the configuration's bytes for one plain GET (the one-request baseline).
 *
 * Only those three are delayed by `latency.ms`, preflights included, so the page and its scripts
 * load at full speed and only AppConfig's round trips grow. Every request is logged with its
 * method, so CORS preflights (OPTIONS) can be counted.
 */
import { serve, type ServedHandler } from '../../src/server/node/index.js';
import type { Emulator } from '../../src/server/index.js';
import type { BuiltPage } from './build-page.js';
import { ignoreIncludeHandler } from './ignore-include.js';

export const APPCONFIG_PATH = '/appconfig';
export const TWO_CALL_PATH = '/appconfig-two-call';
export const FLAGS_PATH = '/flags';

/** One request the server saw. */
export interface LoggedRequest {
  /** The port it came in on (which origin). */
  port: number;
  method: string;
  path: string;
  /** `Date.now()` when it arrived and when its answer was ready (after the latency). */
  receivedAt: number;
  answeredAt: number;
  status: number;
  /** Bytes of the answer's body. */
  bodyBytes: number;
}

export interface PageServerOptions {
  pages: readonly BuiltPage[];
  /** The emulator, mounted under APPCONFIG_PATH (its `basePath`). */
  emulator: Pick<Emulator, 'handle'>;
  /** What `/flags` answers (JSON); omit to leave it out. */
  flagsBody?: Uint8Array;
}

export interface PageServer {
  /** Added to every AppConfig and `/flags` request before it is answered; change at will. */
  latency: { ms: number };
  /** Requests received and not yet answered (a closed tab's may still be held by the latency). */
  inFlight(): number;
  /** Every request so far; empty it with `clearLog()`. */
  readonly log: LoggedRequest[];
  clearLog(): void;
  /** Called with each request once answered. */
  onAnswered(listener: (entry: LoggedRequest) => void): () => void;
  /** Serves the handler on one more port and returns its origin, `http://127.0.0.1:<port>`. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

// The chunks the entry imports statically are announced with modulepreload, as Vite and other
// bundlers write them into an app's HTML, so they load beside the entry instead of after it.
const html = (page: BuiltPage) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${page.name}</title>` +
  page.preload.map((href) => `<link rel="modulepreload" href="${href}">`).join('') +
  `</head><body><div id="root"></div><script type="module" src="${page.entry}"></script></body></html>`;

export function createPageServer(options: PageServerOptions): PageServer {
  const latency = { ms: 0 };
  const log: LoggedRequest[] = [];
  const listeners = new Set<(entry: LoggedRequest) => void>();
  const servers: ServedHandler[] = [];
  const files = new Map<string, Uint8Array>();
  const htmlOf = new Map<string, string>();
  for (const page of options.pages) {
    for (const [path, bytes] of page.files) files.set(path, bytes);
    htmlOf.set(`/${page.name}/`, html(page));
  }
  const twoCall = ignoreIncludeHandler(options.emulator.handle);

  const flags = (request: Request): Response => {
    const headers = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers });
    if (!options.flagsBody) return new Response(null, { status: 404, headers });
    return new Response(options.flagsBody as Uint8Array<ArrayBuffer>, {
      headers: { ...headers, 'content-type': 'application/json' },
    });
  };

  const appConfig = async (request: Request, path: string): Promise<Response | undefined> => {
    if (under(path, APPCONFIG_PATH)) return options.emulator.handle(request);
    if (under(path, TWO_CALL_PATH)) {
      const url = new URL(request.url);
      url.pathname = APPCONFIG_PATH + path.slice(TWO_CALL_PATH.length);
      const body = request.method === 'POST' ? await request.arrayBuffer() : undefined;
      return twoCall(new Request(url, { method: request.method, headers: request.headers, body }));
    }
    if (path === FLAGS_PATH) return flags(request);
    return undefined;
  };

  let pending = 0;
  const handle = async (request: Request): Promise<Response> => {
    pending += 1;
    try {
      return await answer(request);
    } finally {
      pending -= 1;
    }
  };
  const answer = async (request: Request): Promise<Response> => {
    const receivedAt = Date.now();
    const url = new URL(request.url);
    const isAppConfig =
      under(url.pathname, APPCONFIG_PATH) ||
      under(url.pathname, TWO_CALL_PATH) ||
      url.pathname === FLAGS_PATH;
    if (isAppConfig && latency.ms > 0) await sleep(latency.ms);
    const response =
      (await appConfig(request, url.pathname)) ?? staticFile(url.pathname) ?? notFound();
    // Read from a copy, for the log: the page gets the original.
    const bodyBytes = (await response.clone().arrayBuffer()).byteLength;
    const entry: LoggedRequest = {
      port: Number(url.port),
      method: request.method,
      path: url.pathname + url.search,
      receivedAt,
      answeredAt: Date.now(),
      status: response.status,
      bodyBytes,
    };
    log.push(entry);
    for (const listener of listeners) listener(entry);
    return response;
  };

  const staticFile = (path: string): Response | undefined => {
    const page = htmlOf.get(path);
    if (page !== undefined) {
      return new Response(page, {
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      });
    }
    const bytes = files.get(path);
    if (!bytes) return undefined;
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': 'text/javascript', 'cache-control': 'no-store' },
    });
  };
  const notFound = () => new Response('Not found', { status: 404 });

  return {
    latency,
    inFlight: () => pending,
    log,
    clearLog: () => void log.splice(0),
    onAnswered(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async listen() {
      const served = await serve(handle, { port: 0, host: '127.0.0.1' });
      servers.push(served);
      return served.url;
    },
    async close() {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
