/**
 * Checks `createProxy` options and fills in defaults. Every refusal is an InvalidOptionsError that
 * names the option, the limit and what to do.
 */
import { InvalidOptionsError } from '../../core/errors.js';
import { IDENTIFIER_LENGTH, POLL_INTERVAL_SECONDS } from '../../core/limits.js';
import { normaliseBasePath } from '../shared/base-path.js';
import { tripleKey } from './allow-list.js';
import type { RateLimitSettings } from './rate-limiter.js';
import { MAKE_SECRET_ADVICE, weakSecretProblem } from './secret-strength.js';
import type { ProxyMode, ProxyOptions } from './types.js';

/** Shortest accepted token secret, in characters. */
export const MIN_SECRET_LENGTH = 32;
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
export const DEFAULT_RATE_LIMIT = { requestsPerSecond: 20, burst: 100, maxClients: 10_000 };
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 5000;
/** The AppConfig Agent's default poll interval (NOTES §7). */
const AGENT_POLL_INTERVAL_SECONDS = 45;
const DEFAULT_BROWSER_INTERVAL_SECONDS = 60;
const MAX_BODY_LIMIT = 1024 * 1024;

function fail(field: string, message: string): never {
  throw new InvalidOptionsError(field, `createProxy: ${field} ${message}`);
}

const isInteger = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

export function resolveProxyOptions(options: ProxyOptions) {
  if (typeof options !== 'object' || options === null) fail('options', 'must be an object.');
  const mode: ProxyMode = options.mode ?? 'fan-out';
  if (mode !== 'fan-out' && mode !== 'pass-through') {
    fail('mode', `must be 'fan-out' or 'pass-through'; got ${JSON.stringify(mode)}.`);
  }

  if (!Array.isArray(options.allow) || options.allow.length === 0) {
    fail(
      'allow',
      'must list at least one { application, environment, profile } that browsers may read.',
    );
  }
  const seen = new Set<string>();
  options.allow.forEach((entry, index) => {
    for (const part of ['application', 'environment', 'profile'] as const) {
      checkIdentifier(`allow[${index}].${part}`, entry?.[part]);
      const upstream = entry.upstream?.[part];
      if (upstream !== undefined) checkIdentifier(`allow[${index}].upstream.${part}`, upstream);
    }
    const key = tripleKey(entry);
    if (seen.has(key)) fail(`allow[${index}]`, 'repeats an earlier entry; list each one once.');
    seen.add(key);
  });

  const secrets = ([] as string[]).concat(options.secret ?? []);
  if (mode === 'fan-out' && secrets.length === 0) {
    fail(
      'secret',
      `is required in fan-out mode: browser tokens are signed with it. Use at least ${MIN_SECRET_LENGTH} random characters (e.g. \`openssl rand -base64 32\`), the same on every instance.`,
    );
  }
  secrets.forEach((secret, index) => {
    const field = secrets.length > 1 ? `secret[${index}]` : 'secret';
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      fail(field, `must be at least ${MIN_SECRET_LENGTH} characters; ${MAKE_SECRET_ADVICE}.`);
    }
    const weak = weakSecretProblem(secret);
    if (weak) fail(field, weak);
  });

  const pollIntervalSeconds = options.pollIntervalSeconds ?? DEFAULT_BROWSER_INTERVAL_SECONDS;
  if (!isInteger(pollIntervalSeconds, POLL_INTERVAL_SECONDS.min, POLL_INTERVAL_SECONDS.max)) {
    fail(
      'pollIntervalSeconds',
      `must be a whole number of seconds from ${POLL_INTERVAL_SECONDS.min} to ${POLL_INTERVAL_SECONDS.max}; got ${options.pollIntervalSeconds}.`,
    );
  }
  const upstreamPollIntervalSeconds =
    options.upstreamPollIntervalSeconds ??
    Math.min(AGENT_POLL_INTERVAL_SECONDS, pollIntervalSeconds);
  if (!isInteger(upstreamPollIntervalSeconds, POLL_INTERVAL_SECONDS.min, pollIntervalSeconds)) {
    fail(
      'upstreamPollIntervalSeconds',
      `must be a whole number of seconds from ${POLL_INTERVAL_SECONDS.min} to pollIntervalSeconds (${pollIntervalSeconds}): the proxy should refresh from AWS at least as often as browsers refresh from it; got ${options.upstreamPollIntervalSeconds}.`,
    );
  }

  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  if (!isInteger(upstreamTimeoutMs, 1, 60_000)) {
    fail(
      'upstreamTimeoutMs',
      `must be a whole number of ms from 1 to 60000; got ${upstreamTimeoutMs}.`,
    );
  }

  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!isInteger(maxBodyBytes, 1024, MAX_BODY_LIMIT)) {
    fail(
      'maxBodyBytes',
      `must be a whole number from 1024 to ${MAX_BODY_LIMIT}; got ${maxBodyBytes}.`,
    );
  }

  let rateLimit: RateLimitSettings | false = false;
  if (options.rateLimit !== false) {
    rateLimit = { ...DEFAULT_RATE_LIMIT, ...(options.rateLimit ?? {}) } as RateLimitSettings;
    if (!(typeof rateLimit.requestsPerSecond === 'number' && rateLimit.requestsPerSecond > 0)) {
      fail(
        'rateLimit.requestsPerSecond',
        `must be a positive number; got ${rateLimit.requestsPerSecond}.`,
      );
    }
    if (!isInteger(rateLimit.burst, 1, 1_000_000)) {
      fail('rateLimit.burst', `must be a whole number from 1 to 1000000; got ${rateLimit.burst}.`);
    }
    if (!isInteger(rateLimit.maxClients, 1, 10_000_000)) {
      fail('rateLimit.maxClients', `must be a whole number from 1; got ${rateLimit.maxClients}.`);
    }
  }

  const trustProxy = options.trustProxy ?? false;
  if (typeof trustProxy !== 'boolean' && !isInteger(trustProxy, 1, 10)) {
    fail(
      'trustProxy',
      `must be true, false or the number of proxies in front (1–10); got ${trustProxy}.`,
    );
  }

  if (options.cors) {
    const { origins } = options.cors;
    if (!Array.isArray(origins) || origins.length === 0) {
      fail(
        'cors.origins',
        "must list the exact origins allowed, e.g. ['https://app.example.com'].",
      );
    }
    origins.forEach((origin, index) => checkOrigin(`cors.origins[${index}]`, origin));
    for (const header of options.cors.allowHeaders ?? []) {
      if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) {
        fail('cors.allowHeaders', `holds ${JSON.stringify(header)}, which is not a header name.`);
      }
    }
    const maxAge = options.cors.maxAgeSeconds;
    if (maxAge !== undefined && !isInteger(maxAge, 0, 86_400)) {
      fail(
        'cors.maxAgeSeconds',
        `must be a whole number of seconds from 0 to 86400; got ${maxAge}.`,
      );
    }
  }

  if (options.endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.endpoint);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      fail('endpoint', `must be an absolute http(s) URL; got ${JSON.stringify(options.endpoint)}.`);
    }
  }

  return {
    mode,
    secrets,
    pollIntervalSeconds,
    upstreamPollIntervalSeconds,
    upstreamTimeoutMs,
    maxBodyBytes,
    rateLimit: rateLimit as RateLimitSettings | false,
    trustProxy,
    basePath: normaliseBasePath(options.basePath ?? ''),
  };
}

function checkIdentifier(field: string, value: unknown): void {
  if (
    typeof value !== 'string' ||
    value.length < IDENTIFIER_LENGTH.min ||
    value.length > IDENTIFIER_LENGTH.max
  ) {
    fail(
      field,
      `must be a name or ID of ${IDENTIFIER_LENGTH.min} to ${IDENTIFIER_LENGTH.max} characters; got ${JSON.stringify(value)}.`,
    );
  }
}

function checkOrigin(field: string, origin: unknown): void {
  let parsed: string | undefined;
  try {
    parsed = new URL(String(origin)).origin;
  } catch {
    parsed = undefined;
  }
  if (typeof origin !== 'string' || parsed === 'null' || parsed !== origin) {
    fail(
      field,
      `must be an exact origin such as 'https://app.example.com' (scheme, host and port; no path, no trailing slash, no wildcard); got ${JSON.stringify(origin)}.`,
    );
  }
}

export type ResolvedProxyOptions = ReturnType<typeof resolveProxyOptions>;
