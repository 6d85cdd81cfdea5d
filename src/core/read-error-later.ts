/**
 * The error reader of the React provider's client: read-error-response.ts, loaded with `import()`
 * on the first response that is not a success. A success, the first flag's path, never loads it;
 * the transport recognises a 415 without it, so the JSON fallback of the session start sends at
 * once.
 */
import type { BadRequestDetails } from './errors.js';
import type { ErrorReader } from './read-error-response.js';

export const readErrorLater: ErrorReader = (classes, status, headers, text, now) =>
  import('./read-error-response.js').then(
    (module) => module.readErrorResponse(classes, status, headers, text, now),
    // The chunk did not load (offline, a new deployment of the app): the status still says
    // whether the client retries (throttling, server faults, 401) or stops (a 404, a refusal),
    // and a 400 keeps what tells an expired, spent or early token from a refused request.
    () => {
      let body: { Message?: string; Details?: BadRequestDetails } = {};
      try {
        body = Object(JSON.parse(text)) as typeof body;
      } catch {
        // Not JSON: the status alone.
      }
      const message = `HTTP ${status}`;
      return status === 400
        ? new classes[1](body.Message ?? message, { details: body.Details }, { status })
        : new classes[0]('Unknown', message, { status });
    },
  );
