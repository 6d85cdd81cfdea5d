/**
 * The proxy's Hono app: the two operations, with the emulator's request validation (same limits,
 * same AWS-style messages), then the fallbacks shared with the emulator (`addOperationFallbacks`):
 * 405 for a known path with the wrong method and 404 for anything else.
 * Everything around it (rate limit, CORS, authorize) runs before, in create-proxy.ts.
 */
import { Hono, type Context } from 'hono';
import { TOKEN_LIFETIME_MS } from '../../core/limits.js';
import { INCLUDE_CONFIGURATION, PATH } from '../shared/wire-names.js';
import { readJsonObject } from '../shared/read-json-body.js';
import { parseStartSessionInput, parseTokenQuery } from '../shared/request-schemas.js';
import { tokenProblem, TOKEN_MESSAGES } from '../shared/token-errors.js';
import { addOperationFallbacks, methodNotAllowed } from '../shared/operation-fallbacks.js';
import type { Visible } from './allow-list.js';
import type { CacheOutcome, createFanOut } from './fan-out.js';
import type { createPassThrough } from './pass-through.js';
import type { TokenSigner } from './proxy-tokens.js';
import type { ProxyMode } from './types.js';

/** What the routes learn about a request, for logs and metrics. */
export interface RouteNote {
  cache?: CacheOutcome;
}

/** Per-request bindings: what this caller may see, and the note to fill in. */
export interface RouteEnv {
  visible: Visible;
  note: RouteNote;
  /** Headers every answer carries (request ID, caching, CORS): answers are built whole. */
  headers: Record<string, string>;
}

type AppEnv = { Bindings: RouteEnv };

export interface RouteDeps {
  basePath: string;
  mode: ProxyMode;
  fanOut: ReturnType<typeof createFanOut>;
  passThrough: ReturnType<typeof createPassThrough>;
  signer: TokenSigner;
  now: () => number;
  maxBodyBytes: number;
  /** Whether OPTIONS is answered (CORS on), for the `Allow` header. */
  cors: boolean;
}

export function createProxyRoutes(deps: RouteDeps) {
  const app = deps.basePath ? new Hono<AppEnv>().basePath(deps.basePath) : new Hono<AppEnv>();

  app.post(PATH.startSession, async (c) => {
    const input = parseStartSessionInput(await readJsonObject(c.req.raw, deps.maxBodyBytes));
    const triple = {
      application: input.ApplicationIdentifier,
      environment: input.EnvironmentIdentifier,
      profile: input.ConfigurationProfileIdentifier,
    };
    const entry = c.env.visible.find(triple);
    if (!entry) throw c.env.visible.notFound(triple);
    const requested = input.RequiredMinimumPollIntervalInSeconds;
    if (c.req.query('include') === INCLUDE_CONFIGURATION) {
      // The combined first call: what the session's first GetLatestConfiguration would answer.
      if (deps.mode === 'pass-through') {
        return deps.passThrough.startWithConfiguration(entry, requested, c.env.headers);
      }
      const { response, outcome } = await deps.fanOut.startWithConfiguration(
        entry,
        requested,
        c.env.headers,
      );
      if (outcome) c.env.note.cache = outcome;
      return response;
    }
    const token =
      deps.mode === 'fan-out'
        ? await deps.fanOut.start(entry, requested)
        : await deps.passThrough.start(entry, requested);
    return c.json({ InitialConfigurationToken: token }, 201, c.env.headers);
  });

  // Hono routes HEAD to GET handlers; a HEAD must not spend a token.
  app.get(PATH.getLatest, (c) =>
    c.req.method === 'HEAD'
      ? methodNotAllowed(c.req.raw, 'GET', deps, c.env.headers)
      : getLatest(c),
  );

  async function getLatest(c: Context<AppEnv>): Promise<Response> {
    const token = parseTokenQuery(new URL(c.req.url).searchParams);
    const verified = await deps.signer.verify(token);
    const kind = deps.mode === 'fan-out' ? 'f' : 'p';
    if (!verified || verified.claims.k !== kind) {
      throw tokenProblem('Corrupted', TOKEN_MESSAGES.unknown);
    }
    const { claims } = verified;
    // "Valid for up to 24 hours": usable at exactly 24 h, expired one millisecond later.
    if (deps.now() - claims.iat > TOKEN_LIFETIME_MS) {
      throw tokenProblem('Expired', TOKEN_MESSAGES.expired);
    }
    const triple = { application: claims.a, environment: claims.e, profile: claims.p };
    const entry = c.env.visible.find(triple);
    if (!entry) throw c.env.visible.notFound(triple);
    if (claims.k === 'p') return deps.passThrough.poll(entry, verified.upstream!, c.env.headers);
    const { response, outcome } = await deps.fanOut.poll(entry, claims, c.env.headers);
    if (outcome) c.env.note.cache = outcome;
    return response;
  }

  addOperationFallbacks(app, deps);
  return app;
}
