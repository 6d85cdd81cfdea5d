/**
 * Mounts web-standard handlers on a Connect-style server (Vite's dev and preview servers): Node's
 * request becomes a `Request` and the `Response` is written back, by @hono/node-server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener, type Http2Bindings, type HttpBindings } from '@hono/node-server';

/** A web-standard handler and the path prefix it answers under. */
export interface MountedHandler {
  prefix: string;
  handle: (request: Request) => Promise<Response>;
}

type Next = (error?: unknown) => void;

const matches = (url: string, prefix: string) =>
  url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);

/**
 * A Connect middleware that answers requests under each prefix and passes the rest on.
 *
 * When a handler rejects (the emulator's `network` fault) the connection dies in the middle of the
 * response: the status line and headers are sent, then the socket is destroyed, so the page's
 * `fetch` fails while reading the body. Destroying the socket before any byte, as `serve` does
 * (src/server/node/serve.ts), is invisible in a browser: Chromium silently retries a request whose
 * reused keep-alive connection closed without an answer, on another pooled connection.
 */
export function createNodeMiddleware(handlers: readonly MountedHandler[]) {
  const listeners = handlers.map(({ prefix, handle }) => ({
    prefix,
    listener: getRequestListener(
      async (request: Request, env: HttpBindings | Http2Bindings) => {
        try {
          return await handle(request);
        } catch (error) {
          dropMidResponse(env.outgoing as ServerResponse);
          throw error;
        }
      },
      // Returning nothing tells the adapter the response is handled (here: dropped). Vite's own
      // code keeps the global Request/Response.
      { errorHandler: () => undefined, overrideGlobalObjects: false },
    ),
  }));
  // Mounted without a route: Connect would strip the prefix from `req.url`, and the handlers
  // route on the full path.
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const url = req.url ?? '/';
    const mounted = listeners.find(({ prefix }) => matches(url, prefix));
    if (!mounted) return next();
    void mounted.listener(req, res);
  };
}

function dropMidResponse(response: ServerResponse): void {
  if (response.headersSent) {
    response.socket?.destroy();
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1024' });
  // Destroyed once the head and a first byte reached the socket, so the browser has them.
  response.write('{', () => response.socket?.destroy());
}
