/**
 * The two AppConfig Data operations over an injected fetch. Every failure becomes a typed error:
 * a service error from the response (wire.ts), or a NetworkError when no response came.
 */
import { defaultFetch, type Timers } from './effects.js';
import { AppConfigServiceError, NetworkError } from './errors.js';
import { invalidOption } from './invalid-option.js';
import type { AppConfigClientOptions } from './types.js';
import {
  CONTENT_TYPE,
  GET_LATEST_PATH,
  NEXT_INTERVAL,
  NEXT_TOKEN,
  START_SESSION_PATH,
  VERSION_LABEL,
  errorFromResponse,
} from './wire.js';

const DEFAULT_TIMEOUT_MS = 10_000;

/** What every request needs: the client's options, its clock and timers, and its abort signal. */
export interface RequestContext extends Pick<
  AppConfigClientOptions<unknown>,
  | 'endpoint'
  | 'application'
  | 'environment'
  | 'profile'
  | 'requiredMinimumPollIntervalInSeconds'
  | 'headers'
  | 'credentials'
  | 'fetch'
  | 'requestTimeoutMs'
> {
  timers: Timers;
  now: () => number;
  /** Aborts the request (reset, dispose). */
  signal: AbortSignal;
}

/** A GetLatestConfiguration response. `body` is empty when the configuration did not change. */
export interface LatestConfiguration {
  nextToken: string;
  intervalSeconds: number | undefined;
  contentType: string;
  versionLabel: string | undefined;
  body: Uint8Array;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The operation's URL: the endpoint (absolute, or a path resolved against the page) plus the path. */
export function operationUrl(endpoint: string, path: string): URL {
  const base = endpoint.replace(/\/+$/, '') + path;
  if (!endpoint.startsWith('/')) return new URL(base);
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || origin === 'null') {
    // A path is resolved against the page; outside browsers there is none.
    invalidOption('endpoint', 'must be an absolute URL where there is no page origin', endpoint);
  }
  return new URL(base, origin);
}

/** Sends one request (a POST when there is a JSON body) and reads the whole response. */
async function send(
  context: RequestContext,
  url: URL,
  json?: string,
): Promise<[Response, Uint8Array]> {
  const { timers, signal } = context;
  const timeoutMs = context.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Always awaited, so a request never starts in the same tick as the poll that asked for it.
  const headers = new Headers(
    await (typeof context.headers === 'function' ? context.headers() : context.headers),
  );
  if (json) headers.set(CONTENT_TYPE, 'application/json');
  // reset() or dispose() while the headers were awaited: the request must not go out at all.
  if (signal.aborted)
    throw new NetworkError('Request cancelled: the client was reset or disposed.');
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal.addEventListener('abort', abort);
  let timedOut = false;
  const timer = timers.setTimeout(() => {
    timedOut = true;
    abort();
  }, timeoutMs);
  try {
    const response = await (context.fetch ?? defaultFetch)(url, {
      method: json ? 'POST' : 'GET',
      headers,
      body: json,
      signal: controller.signal,
      credentials: context.credentials,
    });
    // Read the body under the same timeout: a stalled body is as bad as a stalled response.
    let body: Uint8Array;
    try {
      body = new Uint8Array(await response.arrayBuffer());
    } catch (cause) {
      // A success whose body broke off still spent the token on the server: say so, so the
      // client drops the token instead of sending it again.
      if (response.status < 300) {
        throw invalidResponse(
          `The response body broke off: ${(cause as Error)?.message ?? cause}`,
          response,
          cause,
        );
      }
      throw cause;
    }
    if (response.status >= 300) {
      throw errorFromResponse(response.status, response.headers, text(body), context.now());
    }
    return [response, body];
  } catch (cause) {
    if (cause instanceof AppConfigServiceError) throw cause;
    throw new NetworkError(
      timedOut
        ? `No response from ${url.origin} within ${timeoutMs} ms (requestTimeoutMs).`
        : `Request to ${url.origin}${url.pathname} failed: ${(cause as Error)?.message ?? cause}`,
      { cause, timedOut },
    );
  } finally {
    timers.clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}

/** A response that came but cannot continue the chain. */
function invalidResponse(message: string, response: Response, cause?: unknown) {
  return new AppConfigServiceError('InvalidResponse', message, { status: response.status, cause });
}

/** StartConfigurationSession: returns the initial configuration token. */
export async function startConfigurationSession(context: RequestContext): Promise<string> {
  const [response, body] = await send(
    context,
    operationUrl(context.endpoint, START_SESSION_PATH),
    // Undefined members (an omitted interval) are left out by JSON.stringify.
    JSON.stringify({
      ApplicationIdentifier: context.application,
      EnvironmentIdentifier: context.environment,
      ConfigurationProfileIdentifier: context.profile,
      RequiredMinimumPollIntervalInSeconds: context.requiredMinimumPollIntervalInSeconds,
    }),
  );
  let token: unknown;
  try {
    token = (JSON.parse(text(body)) as { InitialConfigurationToken?: unknown } | null)
      ?.InitialConfigurationToken;
  } catch {
    // Not JSON: no token, reported below.
  }
  if (typeof token !== 'string' || token === '') {
    throw invalidResponse(
      'StartConfigurationSession answered without an InitialConfigurationToken.',
      response,
    );
  }
  return token;
}

/** GetLatestConfiguration: spends `token`, returns the next one and the (possibly empty) body. */
export async function getLatestConfiguration(
  context: RequestContext,
  token: string,
): Promise<LatestConfiguration> {
  const url = operationUrl(context.endpoint, GET_LATEST_PATH);
  url.searchParams.set('configuration_token', token);
  const [response, body] = await send(context, url);
  const header = (name: string) => response.headers.get(name);
  const nextToken = header(NEXT_TOKEN);
  if (!nextToken) {
    throw invalidResponse(
      'GetLatestConfiguration answered without a Next-Poll-Configuration-Token header. A proxy on ' +
        'another origin must list it in Access-Control-Expose-Headers.',
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
