/**
 * The Hono app: routing of the two operations, 405 for a known path with the wrong method, 404 for
 * anything else, and typed service errors turned into wire responses with `errorToResponse`.
 */
import { Hono, type Context } from 'hono';
import { AppConfigServiceError } from '../../core/errors.js';
import { HEADER, PATH, errorToResponse } from '../../core/wire.js';
import { parseStartSessionInput, parseTokenQuery } from './request-schemas.js';
import { readJsonObject } from './read-json-body.js';
import type { Sessions } from './sessions.js';
import type { Store } from './store.js';

/** What a handler reports about a request, for the request log. */
export interface RequestContext {
  sessionId?: string;
  versionServed?: number;
  empty?: boolean;
}

type AppEnv = { Bindings: RequestContext };

// Content-Type of an empty answer for a profile that has never been deployed (see getLatest).
const NO_CONTENT_TYPE = 'application/octet-stream';

/** Builds the router. `basePath` is normalised: '' or '/prefix' without a trailing slash. */
export function createRoutes(deps: {
  store: Store;
  sessions: Sessions;
  basePath: string;
  /** Whether OPTIONS (CORS preflight) is answered, for the `Allow` header. */
  cors: boolean;
}) {
  const { store, sessions } = deps;
  const refuse = (c: Context<AppEnv>, method: string) =>
    methodNotAllowed(c, method, deps.cors ? `${method}, OPTIONS` : method);
  const app = deps.basePath ? new Hono<AppEnv>().basePath(deps.basePath) : new Hono<AppEnv>();

  app.post(PATH.startSession, async (c) => {
    const input = parseStartSessionInput(await readJsonObject(c.req.raw));
    const target = store.resolve(input);
    const { session, token } = sessions.start(target, input.RequiredMinimumPollIntervalInSeconds);
    c.env.sessionId = session.id;
    return c.json({ InitialConfigurationToken: token }, 201);
  });

  // Hono routes HEAD to GET handlers; a HEAD must not spend a token.
  app.get(PATH.getLatest, (c) =>
    c.req.method === 'HEAD' ? refuse(c, 'GET') : getLatest(c, store, sessions),
  );

  app.all(PATH.startSession, (c) => refuse(c, 'POST'));
  app.all(PATH.getLatest, (c) => refuse(c, 'GET'));

  app.notFound((c) =>
    errorToResponse(
      new AppConfigServiceError(
        'UnknownOperationException',
        `No operation at ${c.req.method} ${new URL(c.req.url).pathname}. This endpoint serves POST ${PATH.startSession} and GET ${PATH.getLatest}.`,
        { status: 404 },
      ),
    ),
  );

  app.onError((error) => {
    if (error instanceof AppConfigServiceError) return errorToResponse(error);
    throw error; // a bug: the handler around the router answers 500 and logs it
  });

  return app;
}

/**
 * GetLatestConfiguration. A profile that exists but was never deployed to the environment answers
 * 200 with an empty body (no deployment means "nothing new"), so a client started before the first
 * deployment picks it up on a later poll. The service's answer there is unverified; a 404 would end
 * such a client's session for good, which is worse for local development.
 */
function getLatest(c: Context<AppEnv>, store: Store, sessions: Sessions): Response {
  const token = parseTokenQuery(new URL(c.req.url).searchParams);
  const result = sessions.poll(
    token,
    ({ target }) => store.deployedVersion(target.environment, target.profile)?.versionNumber,
  );
  if (result.session) c.env.sessionId = result.session.id;
  if (!result.ok) throw result.error;
  const { target } = result.session;
  const version =
    result.seenVersion === undefined ? undefined : target.profile.versions[result.seenVersion - 1];
  const headers = new Headers({
    [HEADER.nextToken]: result.nextToken,
    [HEADER.nextInterval]: String(result.intervalSeconds),
    [HEADER.contentType]: version?.contentType ?? NO_CONTENT_TYPE,
  });
  // The model: Version-Label is empty when the client is already up to date, so send it with data only.
  if (result.changed && version?.versionLabel)
    headers.set(HEADER.versionLabel, version.versionLabel);
  const body = result.changed && version ? version.served : new Uint8Array(0);
  c.env.empty = body.byteLength === 0;
  if (result.changed && version) c.env.versionServed = version.versionNumber;
  return new Response(body, { status: 200, headers });
}

function methodNotAllowed(c: Context<AppEnv>, method: string, allow: string): Response {
  return errorToResponse(
    new AppConfigServiceError(
      'MethodNotAllowedException',
      `${c.req.method} is not allowed on ${new URL(c.req.url).pathname}; use ${method}.`,
      { status: 405 },
    ),
    { Allow: allow },
  );
}
