/**
 * The error reader of the React provider's client: read-error-response.ts, loaded with `import()`
 * on the first response that is not a success. A success, the first flag's path, never loads it;
 * the transport recognises a 415 without it, so the JSON fallback of the session start sends at
 * once.
 */
import type { ErrorReader } from './read-error-response.js';

export const readErrorLater: ErrorReader = (classes, status, ...rest) =>
  import('./read-error-response.js').then(
    (module) => module.readErrorResponse(classes, status, ...rest),
    // The chunk did not load (offline, a new deployment of the app): the status alone still says
    // whether the client retries (throttling, server faults, 401) or stops (a 404, a refusal).
    () => new classes[0]('Unknown', `HTTP ${status}`, { status }),
  );
