/**
 * The web-standard handler around the router: CORS preflight, fault injection, the headers every
 * response carries (`x-amzn-RequestId`, CORS), and the request log. Faults sit in front of the
 * router because a `network` fault must reject the handler itself, which Hono would turn into a 500.
 */
import {
  AppConfigServiceError,
  InternalServerException,
  ThrottlingException,
} from '../../core/errors.js';
import { HEADER } from '../../core/wire.js';
import { errorToResponse } from '../shared/error-to-response.js';
import { attachFastPath, type FastAnswer, type FastRequest } from '../shared/fast-path.js';
import { validTokenOfQuery } from '../shared/request-schemas.js';
import { PATH } from '../shared/wire-names.js';
import {
  isOperationPath,
  locatePath,
  operationAt,
  type DataOperation,
  type PathLocation,
} from '../shared/base-path.js';
import { addCorsHeaders, preflightHeaders, type CorsOptions } from './cors.js';
import { sleep, type Effects } from './effects.js';
import type { ActiveFault } from './faults.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';
import type { RequestContext } from './routes.js';
import { TOO_EARLY_MESSAGE, tokenProblem } from '../shared/token-errors.js';

/** What the handler needs. */
export interface HandlerDeps {
  app: { fetch: (request: Request, env: RequestContext) => Response | Promise<Response> };
  basePath: string;
  cors: CorsOptions | false;
  effects: Effects;
  log: RequestLog;
  takeFault: (operation: DataOperation) => ActiveFault | undefined;
  /** Aborts pending delays when the emulator closes. */
  closing: AbortSignal;
  /** SigV4 check (the `requireSignature` option): the request to route, or the 403 to answer. */
  verify?: (request: Request) => Promise<Request | AppConfigServiceError>;
  /** Whether a fault is pending for `operation` (the fast path leaves those to the handler). */
  hasFault: (operation: DataOperation) => boolean;
  /** The routes' synchronous GetLatestConfiguration of a valid token (routes.ts `pollNow`). */
  pollNow?: (token: string, context: RequestContext) => Uint8Array | undefined;
}

/**
 * Creates `handle(request)`, with the Node fast path of GetLatestConfiguration attached
 * (`fastPoll`) unless signatures are required.
 */
export function createHandler(deps: HandlerDeps): (request: Request) => Promise<Response> {
  const { effects, log } = deps;

  /** Headers every answer carries, handed to whatever builds it: no response is copied later. */
  function baseHeaders(requestId: string, header: (name: string) => string | null) {
    const headers: Record<string, string> = { 'x-amzn-RequestId': requestId };
    if (deps.cors !== false) addCorsHeaders(headers, header, deps.cors);
    return headers;
  }

  async function dispatch(
    request: Request,
    operation: DataOperation | undefined,
    location: PathLocation,
    entry: RequestLogEntry,
    context: RequestContext,
  ) {
    const headers = context.headers;
    if (request.method === 'OPTIONS' && deps.cors !== false && isOperationPath(location)) {
      entry.operation = 'Preflight';
      preflightHeaders(request, headers);
      return new Response(null, { status: 204, headers });
    }
    if (deps.verify) {
      // Before faults and routing, like AWS: an unsigned request never reaches the service.
      const verified = await deps.verify(request);
      if (verified instanceof AppConfigServiceError) return errorToResponse(verified, headers);
      request = verified;
    }
    const fault = operation ? deps.takeFault(operation) : undefined;
    if (fault) entry.fault = fault.kind;
    switch (fault?.kind) {
      case 'throttle':
        return errorToResponse(
          new ThrottlingException('Rate exceeded (a throttle fault injected into the emulator).'),
          headers,
        );
      case 'internal':
        return errorToResponse(
          new InternalServerException(
            'Internal failure (an internal fault injected into the emulator).',
          ),
          headers,
        );
      case 'network':
        throw new TypeError('fetch failed', {
          cause: new Error('network fault injected into the emulator'),
        });
      case 'expire-token':
        return errorToResponse(
          tokenProblem(
            'Expired',
            'The configuration token has expired (an expire-token fault injected into the emulator).',
          ),
          headers,
        );
      case 'corrupt-token':
        return errorToResponse(
          tokenProblem(
            'Corrupted',
            'The configuration token is corrupted (a corrupt-token fault injected into the emulator).',
          ),
          headers,
        );
      case 'too-early':
        return errorToResponse(
          tokenProblem('PollIntervalNotSatisfied', TOO_EARLY_MESSAGE),
          headers,
        );
      case 'delay':
        await sleep(fault.delayMs, effects.timers, AbortSignal.any([request.signal, deps.closing]));
        break;
    }
    return deps.app.fetch(request, context);
  }

  async function handle(request: Request): Promise<Response> {
    const requestId = crypto.randomUUID();
    // A path outside the base path is no operation: it takes no fault and gets a 404.
    const location = locatePath(new URL(request.url).pathname, deps.basePath);
    const operation = operationAt(request.method, location);
    const entry: RequestLogEntry = {
      operation: operation ?? 'Unknown',
      method: request.method,
      path: location.path,
      status: 0,
      at: effects.now(),
      requestId,
    };
    const context: RequestContext = {
      headers: baseHeaders(requestId, (name) => request.headers.get(name)),
    };
    const headers = context.headers;
    let response: Response;
    try {
      response = await dispatch(request, operation, location, entry, context);
    } catch (error) {
      // A network fault, or a delay cut short by the client or by close(): no response at all.
      const aborted = request.signal.aborted || deps.closing.aborted;
      if (entry.fault === 'network' || (entry.fault === 'delay' && aborted)) {
        log.add(entry); // status 0
        throw error;
      }
      // No client input may reach this (the fuzz tests check it): it is a bug, so say it loudly.
      console.error('appconfig-react emulator: unexpected error', error);
      response = errorToResponse(
        new InternalServerException(
          'The emulator failed unexpectedly; this is a bug in appconfig-react.',
        ),
        headers,
      );
    }
    Object.assign(entry, pick(context), { status: response.status });
    // Only error answers are read back (reading a success's headers would cost the Node
    // adapter its fast path).
    if (response.status >= 400) {
      const errorType = response.headers.get(HEADER.errorType);
      if (errorType) entry.errorType = errorType;
    }
    log.add(entry);
    return response;
  }

  const getLatestPath = `${deps.basePath}${PATH.getLatest}`;

  /**
   * The Node fast path (shared/fast-path.ts) of GetLatestConfiguration with a valid token, the
   * hot request: `handle`'s answer and log entry without a `Request`, a `Response` or routing.
   * It declines, before anything changes, whatever else: other methods and paths, a query
   * without a valid token, a pending fault, and every refusal of the token (`handle` answers
   * those; see `Sessions.pollNow`).
   */
  function fastPoll(request: FastRequest): FastAnswer | undefined {
    if (request.method !== 'GET' || !deps.pollNow) return undefined;
    const { url, pathStart } = request;
    const query = url.indexOf('?', pathStart);
    if (query === -1 || url.slice(pathStart, query) !== getLatestPath) return undefined;
    if (deps.hasFault('GetLatestConfiguration')) return undefined;
    const token = validTokenOfQuery(url.slice(query + 1));
    if (token === undefined) return undefined;
    const requestId = crypto.randomUUID();
    const at = effects.now();
    const context: RequestContext = { headers: baseHeaders(requestId, request.header) };
    const body = deps.pollNow(token, context);
    if (!body) return undefined;
    const entry: RequestLogEntry = {
      operation: 'GetLatestConfiguration',
      method: 'GET',
      path: PATH.getLatest,
      status: 0,
      at,
      requestId,
    };
    Object.assign(entry, pick(context), { status: 200 });
    log.add(entry);
    return { status: 200, headers: context.headers, body };
  }

  if (!deps.verify) attachFastPath(handle, fastPoll);
  return handle;
}

function pick(context: RequestContext): Partial<RequestLogEntry> {
  const out: Partial<RequestLogEntry> = {};
  if (context.sessionId !== undefined) out.sessionId = context.sessionId;
  if (context.combined) out.combined = true;
  if (context.versionServed !== undefined) out.versionServed = context.versionServed;
  if (context.empty !== undefined) out.empty = context.empty;
  return out;
}
