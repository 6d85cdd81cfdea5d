/**
 * The options of a shared session drawn from a client's options: its schema, clock, timers and
 * request timeout. Imports nothing from the core (see sharing-kit.ts): the two defaults below are the
 * core's own (effects.ts), written out again.
 */
import type { AppConfigClientOptions } from '../types.js';
import type { CrossTabEnvironment } from './cross-tab-environment.js';
import type { ShareSessionOptions } from './share-session.js';
import type { SharingKit } from './sharing-kit.js';

/** Extra time a follower gives the leader beyond the leader's own request timeout, in ms. */
const ANSWER_GRACE_MS = 2000;
/** The session client's default `requestTimeoutMs`. */
const DEFAULT_TIMEOUT_MS = 10_000;

export function sharingOptions(
  options: AppConfigClientOptions,
  environment: CrossTabEnvironment,
  wake: (() => unknown) | undefined,
  kit: SharingKit,
): ShareSessionOptions {
  return {
    environment,
    wake,
    kit,
    schema: options.schema,
    // Read at call time, so fake timers installed later still apply.
    now: options.now ?? (() => Date.now()),
    timers: options.timers ?? {
      setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    answerTimeoutMs: (options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS) + ANSWER_GRACE_MS,
  };
}
