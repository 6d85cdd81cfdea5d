/** Runs a web-standard handler on a Node HTTP server (through @hono/node-server). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  RequestError,
  getRequestListener,
  type Http2Bindings,
  type HttpBindings,
} from '@hono/node-server';

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
  const server = createServer(listener);
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

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections (the AWS SDK keeps them) would hold close() open otherwise.
    server.closeAllConnections();
  });
}
