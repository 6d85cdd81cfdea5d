/**
 * The default transport: the two AppConfig Data calls over `fetch`, to an appconfig-react proxy or
 * emulator (or anything that speaks the API). Every failure becomes a typed error: a service error
 * from the response (wire.ts), or a NetworkError when no response came.
 *
 * The session start asks for the first configuration in the same response
 * (`?include=configuration`); servers that combine the calls answer with it, any other server
 * ignores the parameter and answers the standard token, so no endpoint pays an extra round trip.
 * Across origins the start is sent as `text/plain`, a CORS "simple" request with no preflight.
 */
import { defaultFetch } from './effects.js';
import { AppConfigServiceError, InvalidOptionsError, NetworkError } from './errors.js';
import { invalidOption } from './invalid-option.js';
import type {
  AppConfigTransport,
  CallOptions,
  LatestConfiguration,
  SessionRequest,
} from './transport.js';
import {
  CONTENT_TYPE,
  GET_LATEST_PATH,
  NEXT_INTERVAL,
  NEXT_TOKEN,
  START_SESSION_PATH,
  VERSION_LABEL,
} from './wire.js';
import type { ErrorReader } from './read-error-response.js';
import { SERVICE_ERRORS } from './service-errors.js';
import { utf8 } from './utf8.js';

/** What the HTTP transport needs; each field is read at the time of the call. */
export interface HttpTransportOptions {
  endpoint: string;
  fetch?: typeof fetch;
  credentials?: RequestCredentials;
}

const pageOrigin = () => {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  // An opaque origin (a sandboxed frame, a file: page) is the string "null": no origin either.
  return origin !== 'null' ? origin : undefined;
};

/** The operation's URL: the endpoint (absolute, or a path resolved against the page) plus the path. */
export function operationUrl(endpoint: string, path: string): URL {
  const base = endpoint.replace(/\/+$/, '') + path;
  if (!endpoint.startsWith('/')) return new URL(base);
  const origin = pageOrigin();
  // A path is resolved against the page; outside browsers there is none.
  if (!origin) {
    if (process.env.NODE_ENV !== 'production')
      invalidOption('endpoint', 'must be an absolute URL where there is no page origin', endpoint);
    throw new InvalidOptionsError('endpoint', 'endpoint: no page origin');
  }
  return new URL(base, origin);
}

/** A response that came but cannot continue the chain (the token it answered is spent). */
function invalidResponse(code: string, message: string, response: Response, cause?: unknown) {
  return new AppConfigServiceError(code, message, { status: response.status, cause });
}

/**
 * Sends one request and reads the whole response; errors become typed errors (read by
 * `readError`). With `fallback`, a 415 resolves undefined instead, before any error is read.
 */
async function send(
  options: HttpTransportOptions,
  readError: ErrorReader,
  call: CallOptions,
  url: URL,
  init: { json?: string; contentType?: string; fallback?: boolean },
): Promise<[Response, Uint8Array] | undefined> {
  const { signal, headers } = call;
  if (init.contentType) headers.set(CONTENT_TYPE, init.contentType);
  let response: Response;
  try {
    response = await (options.fetch ?? defaultFetch)(url, {
      method: init.json ? 'POST' : 'GET',
      headers,
      body: init.json,
      signal,
      credentials: options.credentials,
    });
  } catch (cause) {
    throw new NetworkError(
      `Request to ${url.origin}${url.pathname} failed: ${(cause as Error)?.message ?? cause}`,
      { cause },
    );
  }
  call.answered?.(response.status);
  let body: Uint8Array;
  try {
    body = new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    const message = `The response body broke off: ${(cause as Error)?.message ?? cause}`;
    // A success whose body broke off still spent the token on the server: say so, so the chain
    // drops the token instead of sending it again.
    if (response.status < 300)
      throw invalidResponse('IncompleteResponse', message, response, cause);
    throw new NetworkError(message, { cause });
  }
  if (response.status === 415 && init.fallback) return undefined;
  if (response.status >= 300) {
    throw await readError(
      SERVICE_ERRORS,
      response.status,
      response.headers,
      utf8(body),
      Date.now(),
    );
  }
  return [response, body];
}

/** A GetLatestConfiguration answer read from headers and body. */
function latestFrom(response: Response, body: Uint8Array): LatestConfiguration {
  const header = (name: string) => response.headers.get(name);
  const nextToken = header(NEXT_TOKEN);
  if (!nextToken) {
    throw invalidResponse(
      'InvalidResponse',
      process.env.NODE_ENV !== 'production'
        ? 'GetLatestConfiguration answered without a Next-Poll-Configuration-Token header. A ' +
            'proxy on another origin must list it in Access-Control-Expose-Headers.'
        : 'No Next-Poll-Configuration-Token',
      response,
    );
  }
  const interval = Number(header(NEXT_INTERVAL));
  return {
    nextToken,
    intervalSeconds: Number.isInteger(interval) && interval > 0 ? interval : undefined,
    contentType: header(CONTENT_TYPE) ?? 'application/octet-stream',
    versionLabel: header(VERSION_LABEL) || undefined,
    body,
  };
}

/**
 * The transport of a client given an `endpoint`, reading error responses with `readError`:
 * `readErrorResponse`, or the React provider's `readErrorLater`.
 */
export function httpTransport(
  options: HttpTransportOptions,
  readError: ErrorReader,
): AppConfigTransport {
  // Set once a server refused a text/plain session start: from then on it gets JSON (and CORS
  // preflights), as the standard flow would.
  let jsonOnly = false;
  return {
    async startSession(request: SessionRequest, call) {
      const url = operationUrl(options.endpoint, START_SESSION_PATH);
      url.searchParams.set('include', 'configuration');
      const origin = pageOrigin();
      const crossOrigin = origin !== undefined && url.origin !== origin;
      // Undefined members (an omitted interval or context) are left out by JSON.stringify.
      const json = JSON.stringify({
        ApplicationIdentifier: request.application,
        EnvironmentIdentifier: request.environment,
        ConfigurationProfileIdentifier: request.profile,
        RequiredMinimumPollIntervalInSeconds: request.requiredMinimumPollIntervalInSeconds,
        Context: request.context,
      });
      const attempt = (contentType: string, fallback?: boolean) =>
        send(options, readError, call, url, { json, contentType, fallback });
      let answer = await attempt(
        crossOrigin && !jsonOnly ? 'text/plain;charset=UTF-8' : 'application/json',
        true,
      );
      if (!answer) {
        // A 415: the server takes only JSON. Sent again as JSON (a second 415 is an error).
        jsonOnly = true;
        answer = await attempt('application/json');
      }
      // Without `fallback` an answer always comes (or the attempt threw).
      const [response, body] = answer!;
      // A server that combines the calls answers like GetLatestConfiguration.
      if (response.headers.has(NEXT_TOKEN)) return { first: latestFrom(response, body) };
      let token: unknown;
      try {
        token = (JSON.parse(utf8(body)) as { InitialConfigurationToken?: unknown } | null)
          ?.InitialConfigurationToken;
      } catch {
        // Not JSON: no token, reported below.
      }
      if (typeof token !== 'string' || token === '') {
        throw invalidResponse(
          'InvalidResponse',
          process.env.NODE_ENV !== 'production'
            ? 'StartConfigurationSession answered without an InitialConfigurationToken.'
            : 'No InitialConfigurationToken',
          response,
        );
      }
      return { token };
    },
    async getLatest(token, call) {
      const url = operationUrl(options.endpoint, GET_LATEST_PATH);
      url.searchParams.set('configuration_token', token);
      // Without `fallback` an answer always comes (or the call threw).
      return latestFrom(...(await send(options, readError, call, url, {}))!);
    },
  };
}
