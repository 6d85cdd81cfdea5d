/**
 * The error reader of the React provider's client: read-error-response.ts, loaded with `import()`
 * on the first response that is not a success. A success, the first flag's path, never loads it;
 * the transport recognises a 415 without it, so the JSON fallback of the session start sends at
 * once.
 */
import type { ErrorReader } from './read-error-response.js';

export const readErrorLater: ErrorReader = (...args) =>
  import('./read-error-response.js').then((module) => module.readErrorResponse(...args));
