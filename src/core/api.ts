/**
 * The two AppConfig Data operations over an injected fetch. Every failure becomes a typed error:
 * a service error from the response (wire.ts), or a NetworkError when no response came.
 */
import type { Timers } from './effects.js';
import { AppConfigServiceError, InvalidOptionsError, NetworkError } from './errors.js';
import { HEADER, PATH, errorFromResponse } from './wire.js';

/** What every request needs. */
export interface RequestContext {
  endpoint: string;
  fetch: typeof fetch;
  headers: HeadersInit | (() => HeadersInit | Promise<HeadersInit>) | undefined;
  credentials: RequestCredentials | undefined;
  timeoutMs: number;
  timers: Timers;
  now: () => number;
  /** Aborts the request (dispose). */
  signal: AbortSignal;
}

export interface StartSessionInput {
  application: string;
  environment: string;
  profile: string;
  requiredMinimumPollIntervalInSeconds: number | undefined;
}

/** A GetLatestConfiguration response. `body` is empty when the configuration did not change. */
export interface LatestConfiguration {
  nextToken: string;
  intervalSeconds: number | undefined;
  contentType: string;
  versionLabel: string | undefined;
  body: Uint8Array;
}

/** The operation's URL: the endpoint (absolute, or a path resolved against the page) plus the path. */
export function operationUrl(endpoint: string, path: string): URL {
  const base = endpoint.replace(/\/+$/, '') + path;
  if (!endpoint.startsWith('/')) return new URL(base);
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || origin === 'null') {
    throw new InvalidOptionsError(
      'endpoint',
      `endpoint "${endpoint}" is a path, and there is no page origin to resolve it against here. Pass an absolute URL outside browsers.`,
    );
  }
  return new URL(base, origin);
}

interface RawResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

async function send(context: RequestContext, url: URL, init: RequestInit): Promise<RawResponse> {
  const headers = new Headers(
    typeof context.headers === 'function' ? await context.headers() : context.headers,
  );
  new Headers(init.headers).forEach((value, name) => headers.set(name, value));
  const controller = new AbortController();
  const abort = () => controller.abort();
  context.signal.addEventListener('abort', abort);
  let timedOut = false;
  const timer = context.timers.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, context.timeoutMs);
  try {
    const response = await context.fetch(url, {
      ...init,
      headers,
      signal: controller.signal,
      ...(context.credentials ? { credentials: context.credentials } : {}),
    });
    // Read the body under the same timeout: a stalled body is as bad as a stalled response.
    const body = new Uint8Array(await response.arrayBuffer());
    if (response.status >= 300) {
      throw errorFromResponse(
        response.status,
        response.headers,
        new TextDecoder().decode(body),
        context.now(),
      );
    }
    return { status: response.status, headers: response.headers, body };
  } catch (cause) {
    if (cause instanceof AppConfigServiceError) throw cause;
    if (timedOut) {
      throw new NetworkError(
        `No response from ${url.origin} within ${context.timeoutMs} ms (requestTimeoutMs).`,
        { cause, timedOut: true },
      );
    }
    throw new NetworkError(
      `Request to ${url.origin}${url.pathname} failed: ${(cause as Error)?.message ?? cause}`,
      { cause },
    );
  } finally {
    context.timers.clearTimeout(timer);
    context.signal.removeEventListener('abort', abort);
  }
}

/** StartConfigurationSession: returns the initial configuration token. */
export async function startConfigurationSession(
  context: RequestContext,
  input: StartSessionInput,
): Promise<string> {
  const body: Record<string, unknown> = {
    ApplicationIdentifier: input.application,
    EnvironmentIdentifier: input.environment,
    ConfigurationProfileIdentifier: input.profile,
  };
  if (input.requiredMinimumPollIntervalInSeconds !== undefined) {
    body.RequiredMinimumPollIntervalInSeconds = input.requiredMinimumPollIntervalInSeconds;
  }
  const url = operationUrl(context.endpoint, PATH.startSession);
  const response = await send(context, url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  let token: unknown;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(response.body)) as {
      InitialConfigurationToken?: unknown;
    };
    token = parsed?.InitialConfigurationToken;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '') {
    throw new AppConfigServiceError(
      'InvalidResponse',
      'StartConfigurationSession answered without an InitialConfigurationToken.',
      { status: response.status },
    );
  }
  return token;
}

/** GetLatestConfiguration: spends `token`, returns the next one and the (possibly empty) body. */
export async function getLatestConfiguration(
  context: RequestContext,
  token: string,
): Promise<LatestConfiguration> {
  const url = operationUrl(context.endpoint, PATH.getLatest);
  url.searchParams.set('configuration_token', token);
  const response = await send(context, url, { method: 'GET' });
  const nextToken = response.headers.get(HEADER.nextToken);
  if (!nextToken) {
    throw new AppConfigServiceError(
      'InvalidResponse',
      'GetLatestConfiguration answered without a Next-Poll-Configuration-Token header. Behind a proxy on another origin, its CORS response must list it in Access-Control-Expose-Headers.',
      { status: response.status },
    );
  }
  const interval = Number(response.headers.get(HEADER.nextInterval));
  return {
    nextToken,
    intervalSeconds: Number.isInteger(interval) && interval > 0 ? interval : undefined,
    contentType: response.headers.get(HEADER.contentType) ?? 'application/octet-stream',
    versionLabel: response.headers.get(HEADER.versionLabel) || undefined,
    body: response.body,
  };
}
