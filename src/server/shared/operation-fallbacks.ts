/**
 * What the emulator's and the proxy's Hono apps answer besides the two operations: 405
 * `MethodNotAllowed` on a known path with the wrong method, 404 `UnknownOperation` anywhere else,
 * and a typed service error thrown by a route turned into its wire response.
 */
import type { Context, Env, Hono, Schema } from 'hono';
import { AppConfigServiceError } from '../../core/errors.js';
import { PATH } from './wire-names.js';
import { errorToResponse } from './error-to-response.js';

/** Headers every response of a request carries (request ID, CORS), set by the handler around. */
export type ResponseHeaders = Record<string, string>;

// The handler around each app passes its per-request headers as `env.headers`, so every answer
// is built once, whole, and never copied into a second Response to add them.
const headersOf = (c: Context): ResponseHeaders | undefined =>
  (c.env as { headers?: ResponseHeaders } | undefined)?.headers;

export interface FallbackOptions {
  /** Whether OPTIONS (CORS preflight) is answered, for the `Allow` header. */
  cors: boolean;
}

/** The 405 for `request` on a path that only takes `method`. */
export function methodNotAllowed(
  request: Request,
  method: 'GET' | 'POST',
  options: FallbackOptions,
  headers?: ResponseHeaders,
): Response {
  return errorToResponse(
    new AppConfigServiceError(
      'MethodNotAllowedException',
      `${request.method} is not allowed on ${new URL(request.url).pathname}; use ${method}.`,
      { status: 405 },
    ),
    { ...headers, Allow: options.cors ? `${method}, OPTIONS` : method },
  );
}

/**
 * Adds the 405s, the 404 and the error handler to `app`. Call it after the operation routes: Hono
 * matches in registration order, so the catch-all 405 routes must come last.
 */
export function addOperationFallbacks<E extends Env, S extends Schema, B extends string>(
  app: Hono<E, S, B>,
  options: FallbackOptions,
): void {
  app.all(PATH.startSession, (c: Context<E>) =>
    methodNotAllowed(c.req.raw, 'POST', options, headersOf(c)),
  );
  app.all(PATH.getLatest, (c: Context<E>) =>
    methodNotAllowed(c.req.raw, 'GET', options, headersOf(c)),
  );

  app.notFound((c) =>
    errorToResponse(
      new AppConfigServiceError(
        'UnknownOperationException',
        `No operation at ${c.req.method} ${new URL(c.req.url).pathname}. This endpoint serves POST ${PATH.startSession} and GET ${PATH.getLatest}.`,
        { status: 404 },
      ),
      headersOf(c),
    ),
  );

  app.onError((error, c) => {
    if (error instanceof AppConfigServiceError) return errorToResponse(error, headersOf(c));
    throw error; // a bug: the handler around the app answers 500 and logs it
  });
}
