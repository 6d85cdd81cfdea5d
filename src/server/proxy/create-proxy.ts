/**
 * `createProxy()`: the AppConfig Data API in front of real AWS AppConfig, for browsers. A
 * web-standard `(Request) => Promise<Response>` handler that speaks exactly the emulator's wire
 * format, so the browser client cannot tell the two apart.
 *
 * Every request passes, in order: the rate limit → the CORS preflight answer → the Origin check →
 * `authorize` → routing and validation (the context policy included) → the allow-list → the mode
 * (fan-out or pass-through), which alone may call upstream (AWS through the SDK, or an AppConfig
 * Agent). Each refusal is final and never reaches upstream.
 */
import {
  AppConfigServiceError,
  InternalServerException,
  ThrottlingException,
} from '../../core/errors.js';
import { HEADER } from '../../core/wire.js';
import { errorToResponse } from '../shared/error-to-response.js';
import { attachFastPath, type FastAnswer, type FastRequest } from '../shared/fast-path.js';
import { inProcessFetch } from '../shared/in-process-fetch.js';
import { validTokenOfQuery } from '../shared/request-schemas.js';
import { PATH } from '../shared/wire-names.js';
import { TOKEN_LIFETIME_MS } from '../../core/limits.js';
import { createToken } from '../shared/tokens.js';
import {
  isOperationPath,
  locatePath,
  operationAt,
  type PathLocation,
} from '../shared/base-path.js';
import { authorizeRequest } from './authorize-request.js';
import { createAllowList } from './allow-list.js';
import { clientIdFromHeaders } from './client-id.js';
import { browserIntervalOf, createFanOut, type FanOutSource } from './fan-out.js';
import { createOriginCheck, headerOf } from './origin-check.js';
import { createPassThrough } from './pass-through.js';
import { createProxyCors } from './proxy-cors.js';
import { createProxyMetrics } from './proxy-metrics.js';
import { createProxyRoutes, type RouteNote } from './proxy-routes.js';
import { createTokenSigner } from './proxy-tokens.js';
import { createRateLimiter } from './rate-limiter.js';
import { resolveProxyOptions } from './resolve-proxy-options.js';
import type {
  AppConfigProxy,
  ProxyLogEvent,
  ProxyOperation,
  ProxyOptions,
  ProxyRequestInfo,
} from './types.js';
import { createUpstream, type UpstreamObserver } from './upstream.js';
import { createAgentUpstream } from './agent-upstream.js';

/** The 403 message for a request from a foreign page. */
export const ORIGIN_REFUSED_MESSAGE =
  'Origin not allowed: this proxy answers pages on its own origin and on the origins listed in cors.origins ("origins" in the config file).';

/** Creates a proxy. Throws InvalidOptionsError for a bad option; contacts nothing until used. */
export function createProxy(options: ProxyOptions): AppConfigProxy {
  const settings = resolveProxyOptions(options);
  const now = options.now ?? (() => Date.now());
  const log = (event: ProxyLogEvent) => {
    try {
      options.logger?.(event);
    } catch {
      // A failing logger must not fail requests.
    }
  };
  const metrics = createProxyMetrics();
  const allowList = createAllowList(options.allow);
  // Pass-through without a secret: a random key, good for this instance only.
  const signer = createTokenSigner(
    settings.secrets.length > 0 ? settings.secrets : [createToken()],
  );
  const observe = (call: Parameters<UpstreamObserver>[0]) => {
    metrics.upstreamCall(call.operation, call.ok ? undefined : errorName(call.error));
    const event: ProxyLogEvent = {
      type: 'upstream',
      at: now(),
      operation: call.operation,
      configuration: call.configuration,
      ok: call.ok,
      durationMs: call.durationMs,
    };
    if (!call.ok) {
      event.error = errorName(call.error);
      if (call.error instanceof Error) event.message = call.error.message;
    }
    log(event);
  };
  const upstream = createUpstream(
    {
      client: options.client,
      region: options.region,
      endpoint: options.endpoint,
      credentials: options.credentials,
      clientConfig: options.clientConfig,
      timeoutMs: settings.upstreamTimeoutMs,
    },
    now,
    observe,
  );
  const agent = settings.agent
    ? createAgentUpstream(
        {
          url: settings.agent.url,
          accessToken: settings.agent.accessToken,
          request: settings.agent.request,
          timeoutMs: settings.upstreamTimeoutMs,
        },
        now,
        observe,
      )
    : undefined;
  const browserInterval = browserIntervalOf(settings.pollIntervalSeconds);
  const sessionDeps = {
    signer,
    now,
    browserInterval,
    upstreamIntervalSeconds: settings.upstreamPollIntervalSeconds,
  };
  const agentSource = (cache: boolean): FanOutSource => ({
    kind: 'agent',
    agent: agent!,
    cacheEntries: settings.agent!.cacheEntries,
    cache,
  });
  const fanOut = createFanOut({
    ...sessionDeps,
    source: agent ? agentSource(true) : { kind: 'sdk', upstream },
  });
  // Pass-through to the Agent: the Agent keeps the one AWS session, so there is none per browser
  // to forward; every poll asks the Agent (no cache here) with the context from the envelope.
  const agentPassThrough = agent
    ? createFanOut({ ...sessionDeps, source: agentSource(false), kind: 'a' })
    : undefined;
  const passThrough = createPassThrough({ upstream, signer, now, browserInterval });
  const cors = options.cors ? createProxyCors(options.cors) : undefined;
  const app = createProxyRoutes({
    basePath: settings.basePath,
    mode: settings.mode,
    fanOut,
    passThrough,
    agentPassThrough,
    signer,
    now,
    maxBodyBytes: settings.maxBodyBytes,
    cors: cors !== undefined,
  });
  const originAllowed = createOriginCheck({
    origins: options.cors ? options.cors.origins : [],
    trustForwardedHost: settings.trustProxy !== false,
  });
  const limiter = settings.rateLimit ? createRateLimiter(settings.rateLimit, now) : undefined;
  const defaultClientId = clientIdFromHeaders(settings.trustProxy);
  const clientId =
    options.clientId ??
    ((request: Request, info: ProxyRequestInfo) =>
      defaultClientId(headerOf(request), info.remoteAddress));
  let closed = false;

  const operationOf = (request: Request, at: PathLocation): ProxyOperation =>
    request.method === 'OPTIONS' && cors && isOperationPath(at)
      ? 'Preflight'
      : (operationAt(request.method, at) ?? 'Unknown');

  async function pipeline(
    request: Request,
    info: ProxyRequestInfo,
    client: string,
    at: PathLocation,
    note: RouteNote,
    requestId: string,
    headers: Record<string, string>,
  ): Promise<Response> {
    if (closed) {
      return errorToResponse(
        new AppConfigServiceError('ServiceUnavailableException', 'The proxy is shutting down.', {
          status: 503,
        }),
        headers,
      );
    }
    const decision = limiter?.take(client);
    if (decision && !decision.ok) {
      metrics.throttled();
      return errorToResponse(
        new ThrottlingException('Rate exceeded.', { retryAfterMs: decision.retryAfterMs }),
        headers,
      );
    }
    if (cors && request.method === 'OPTIONS' && isOperationPath(at)) {
      return cors.preflight(request, headers);
    }
    if (!originAllowed(headerOf(request), request.url)) {
      // A foreign page must not open upstream sessions (or spend any work) through the proxy.
      return errorToResponse(
        new AppConfigServiceError('AccessDeniedException', ORIGIN_REFUSED_MESSAGE, {
          status: 403,
        }),
        headers,
      );
    }
    const access = await authorizeRequest(
      options.authorize,
      request,
      info,
      allowList,
      settings.contextAttributes,
    );
    // The hook's own Response (e.g. `unauthorized()`): the one answer copied to add our headers.
    if (access instanceof Response) return withHeaders(access, headers);
    if ('error' in access) {
      log({
        type: 'error',
        at: now(),
        requestId,
        message: access.reason,
        error: errorName(access.error),
      });
      return errorToResponse(
        new InternalServerException('The request could not be authorized.'),
        headers,
      );
    }
    return app.fetch(request, { visible: access.visible, context: access.context, note, headers });
  }

  async function handle(request: Request, info: ProxyRequestInfo = {}): Promise<Response> {
    const at = now();
    const requestId = crypto.randomUUID();
    // A path outside the base path keeps its full form and matches no operation.
    const location = locatePath(new URL(request.url).pathname, settings.basePath);
    const note: RouteNote = {};
    const headers = baseHeaders(requestId, request.headers.get('origin'));
    let client = 'unknown';
    let response: Response;
    try {
      client = clientId(request, info);
      response = await pipeline(request, info, client, location, note, requestId, headers);
    } catch (error) {
      // Client input cannot get here (the tests check it): a bug, or a throwing clientId.
      log({
        type: 'error',
        at: now(),
        requestId,
        message: 'unexpected error',
        error: errorName(error),
      });
      response = errorToResponse(
        new InternalServerException('The proxy failed unexpectedly; see its logs.'),
        headers,
      );
    }
    // Only error answers are read back: reading a success's headers costs the adapter's fast path.
    const errorType =
      response.status >= 400 ? (response.headers.get(HEADER.errorType) ?? undefined) : undefined;
    logRequest(at, requestId, request.method, location.path, operationOf(request, location), {
      status: response.status,
      errorType,
      cache: note.cache,
      client,
    });
    return response;
  }

  /**
   * Headers every answer carries, handed to whatever builds it, so no answer is copied to add
   * them (which would also cost the Node adapter its fast path). Tokens are per browser: no
   * shared cache may keep an answer.
   */
  function baseHeaders(requestId: string, origin: string | null): Record<string, string> {
    const headers: Record<string, string> = {
      'x-amzn-RequestId': requestId,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    cors?.addHeaders(headers, origin);
    return headers;
  }

  function logRequest(
    at: number,
    requestId: string,
    method: string,
    path: string,
    operation: ProxyOperation,
    outcome: { status: number; errorType?: string; cache?: RouteNote['cache']; client: string },
  ): void {
    metrics.response(outcome.status, outcome.errorType, outcome.cache);
    const event: ProxyLogEvent = {
      type: 'request',
      at,
      requestId,
      method,
      path,
      operation,
      status: outcome.status,
      durationMs: now() - at,
      client: outcome.client,
    };
    if (outcome.errorType) event.errorType = outcome.errorType;
    if (outcome.cache) event.cache = outcome.cache;
    log(event);
  }

  const getLatestPath = `${settings.basePath}${PATH.getLatest}`;

  /**
   * The Node fast path (shared/fast-path.ts) of the fan-out GET, the hot request: the same
   * checks as `handle` in the same terms (rate limit, Origin check, token, expiry, allow-list,
   * interval), for a poll `handle` would answer from the cached copy. It declines, before
   * anything changes, whatever else: other requests, every refusal and error (`handle` writes
   * those), a refresh due upstream, and proxies with `authorize` or `clientId` (hooks that take
   * a `Request`). A refused rate limit also declines, and `handle` takes again: a refused take
   * changes nothing but the refill time, so the two are one take at the later time.
   */
  function fastPoll(request: FastRequest): FastAnswer | undefined {
    if (closed || request.method !== 'GET') return undefined;
    const { url, header } = request;
    const query = url.indexOf('?', request.pathStart);
    if (query === -1 || url.slice(request.pathStart, query) !== getLatestPath) return undefined;
    const token = validTokenOfQuery(url.slice(query + 1));
    const verified = token === undefined ? undefined : signer.verifyNow(token);
    if (!verified || verified.claims.k !== 'f') return undefined;
    const { claims } = verified;
    if (now() - claims.iat > TOKEN_LIFETIME_MS) return undefined;
    const entry = allowList.all.find({
      application: claims.a,
      environment: claims.e,
      profile: claims.p,
    });
    if (!entry || !originAllowed(header, url)) return undefined;
    const finish = fanOut.pollNow(entry, claims);
    if (!finish) return undefined;
    const client = defaultClientId(header, request.remoteAddress);
    if (limiter && !limiter.take(client).ok) return undefined;
    // Committed: from here on this is `handle`'s answer and its log entry.
    const at = now();
    const requestId = crypto.randomUUID();
    const { headers, body } = finish(baseHeaders(requestId, header('origin')));
    logRequest(at, requestId, 'GET', PATH.getLatest, 'GetLatestConfiguration', {
      status: 200,
      cache: 'hit',
      client,
    });
    return { status: 200, headers, body };
  }

  const fast =
    settings.mode === 'fan-out' && !agent && !options.authorize && !options.clientId && signer.sync
      ? fastPoll
      : undefined;
  attachFastPath(handle, fast);

  return {
    mode: settings.mode,
    handle,
    fetch: (input, init) => inProcessFetch((request) => handle(request), input, init),
    metrics: metrics.snapshot,
    // With the Agent there is no SDK to load and no region to find: the Agent has its own.
    ready: agent ? async () => {} : upstream.ready,
    close() {
      closed = true;
      upstream.close();
    },
  };
}

/** `response` with `headers` added (ours win): for answers the proxy did not build itself. */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  const out = new Headers(response.headers);
  for (const [name, value] of Object.entries(headers)) out.set(name, value);
  return new Response(response.body, { status: response.status, headers: out });
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
