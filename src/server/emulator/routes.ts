/**
 * The Hono app: routing of the two operations, then the fallbacks shared with the proxy
 * (`addOperationFallbacks`): 405 for a known path with the wrong method, 404 for anything else, and
 * typed service errors turned into wire responses with `errorToResponse`.
 */
import { Hono, type Context } from 'hono';
import { HEADER } from '../../core/wire.js';
import { INCLUDE_CONFIGURATION } from '../shared/wire-names.js';
import { PATH } from '../shared/wire-names.js';
import { addOperationFallbacks, methodNotAllowed } from '../shared/operation-fallbacks.js';
import { parseStartSessionInput, parseTokenQuery } from '../shared/request-schemas.js';
import { readJsonObject } from '../shared/read-json-body.js';
import type { PollResult, Session, Sessions } from './sessions.js';
import type { Store } from './store.js';
import { addAgentRoutes } from './agent-routes.js';
import {
  createSessionVariants,
  readSessionContext,
  type SessionVariants,
} from './session-variants.js';

/** What a handler reports about a request, for the request log. */
export interface RequestContext {
  /** Headers every answer carries (request ID, CORS): the routes build each response whole. */
  headers: Record<string, string>;
  sessionId?: string;
  /** A session start that also answered the first configuration (`?include=configuration`). */
  combined?: boolean;
  versionServed?: number;
  empty?: boolean;
}

type AppEnv = { Bindings: RequestContext };

// Content-Type of an empty answer for a profile that has never been deployed (see getLatest).
const NO_CONTENT_TYPE = 'application/octet-stream';
const EMPTY = new Uint8Array(0);

/** Builds the router. `basePath` is normalised: '' or '/prefix' without a trailing slash. */
export function createRoutes(deps: {
  store: Store;
  sessions: Sessions;
  basePath: string;
  /** Whether OPTIONS (CORS preflight) is answered, for the `Allow` header. */
  cors: boolean;
}) {
  const { store, sessions } = deps;
  const variants = createSessionVariants();
  const app = deps.basePath ? new Hono<AppEnv>().basePath(deps.basePath) : new Hono<AppEnv>();

  app.post(PATH.startSession, async (c) => {
    const body = await readJsonObject(c.req.raw);
    const input = parseStartSessionInput(body);
    const context = readSessionContext(body); // our extension: variants for this session
    const target = store.resolve(input);
    const { session, token } = await sessions.start(
      target,
      input.RequiredMinimumPollIntervalInSeconds,
    );
    variants.remember(session, context);
    c.env.sessionId = session.id;
    // The combined first call: the session's first GetLatestConfiguration answer, in one round
    // trip. Only our client asks for it; every other caller gets the standard 201.
    if (c.req.query('include') === INCLUDE_CONFIGURATION) {
      c.env.combined = true;
      return answerPoll(c, store, sessions, variants, token);
    }
    return c.json({ InitialConfigurationToken: token }, 201, c.env.headers);
  });

  // Hono routes HEAD to GET handlers; a HEAD must not spend a token.
  app.get(PATH.getLatest, async (c) =>
    c.req.method === 'HEAD'
      ? methodNotAllowed(c.req.raw, 'GET', deps, c.env.headers)
      : getLatest(c, store, sessions, variants),
  );

  addAgentRoutes(app, { store, variants }); // the AppConfig Agent's HTTP API
  addOperationFallbacks(app, deps);

  /**
   * The Node fast path's GetLatestConfiguration of a valid `token`: the body of the route's 200,
   * with `context` completed as the route completes it; undefined (declined) for a refusal, which
   * the route answers, or where the HMAC is not synchronous (see `Sessions.pollNow`).
   */
  const latest = latestOf(store);
  function pollNow(token: string, context: RequestContext): Uint8Array | undefined {
    const result = sessions.pollNow(token, latest);
    if (!result?.ok) return undefined;
    context.sessionId = result.session.id;
    return pollBody(result, variants, context);
  }

  return { app, pollNow };
}

/**
 * GetLatestConfiguration. A profile that exists but was never deployed to the environment answers
 * 200 with an empty body (no deployment means "nothing new"), so a client started before the first
 * deployment picks it up on a later poll. The service's answer there is unverified; a 404 would end
 * such a client's session for good, which is worse for local development.
 */
function getLatest(
  c: Context<AppEnv>,
  store: Store,
  sessions: Sessions,
  variants: SessionVariants,
): Promise<Response> {
  const token = parseTokenQuery(new URL(c.req.url).searchParams);
  return answerPoll(c, store, sessions, variants, token);
}

/** Spends `token` and answers as GetLatestConfiguration does. */
async function answerPoll(
  c: Context<AppEnv>,
  store: Store,
  sessions: Sessions,
  variants: SessionVariants,
  token: string,
): Promise<Response> {
  const result = await sessions.poll(token, latestOf(store));
  if (result.session) c.env.sessionId = result.session.id;
  if (!result.ok) throw result.error;
  const body = pollBody(result, variants, c.env);
  return new Response(body, { status: 200, headers: c.env.headers });
}

/** The version number deployed for a session's profile now. */
const latestOf =
  (store: Store) =>
  ({ target }: Session): number | undefined =>
    store.deployedVersion(target.environment, target.profile)?.versionNumber;

/**
 * The body of a poll's 200; completes `context` (its headers and what the log says of it).
 * Shared by the route and the Node fast path.
 */
function pollBody(
  result: Extract<PollResult, { ok: true }>,
  variants: SessionVariants,
  context: RequestContext,
): Uint8Array<ArrayBuffer> {
  const { target } = result.session;
  const version =
    result.seenVersion === undefined ? undefined : target.profile.versions[result.seenVersion - 1];
  const body = result.changed && version ? variants.bodyFor(result.session, version) : EMPTY;
  // The request's own record, completed in place (a spread with computed names costs ~2 µs).
  const headers = context.headers;
  headers[HEADER.nextToken] = result.nextToken;
  headers[HEADER.nextInterval] = String(result.intervalSeconds);
  headers[HEADER.contentType] = version?.contentType ?? NO_CONTENT_TYPE;
  // The model: Version-Label is empty when the client is already up to date, so send it with data only.
  if (result.changed && version?.versionLabel) headers[HEADER.versionLabel] = version.versionLabel;
  context.empty = body.byteLength === 0;
  if (result.changed && version) context.versionServed = version.versionNumber;
  return body;
}
