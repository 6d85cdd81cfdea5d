/**
 * The `appconfig-react proxy --config <file>` file: JSON, checked with zod. Every problem is
 * reported with the field's path and the limit, e.g.
 * `allow[0].profile: must be 1 to 128 characters`. Secrets never live in the file: the token
 * secret comes from the environment variable it names (`secretEnv`), AWS credentials from the
 * SDK's default provider chain.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { IDENTIFIER_LENGTH, POLL_INTERVAL_SECONDS } from '../../core/limits.js';
import type { ProxyOptions } from '../proxy/types.js';

/** Environment variable read for the token secret when the file names none. */
export const DEFAULT_SECRET_ENV = 'APPCONFIG_PROXY_SECRET';

const identifier = z
  .string({ error: 'must be a string (a name or an ID)' })
  .min(IDENTIFIER_LENGTH.min, {
    error: `must be ${IDENTIFIER_LENGTH.min} to ${IDENTIFIER_LENGTH.max} characters`,
  })
  .max(IDENTIFIER_LENGTH.max, {
    error: `must be ${IDENTIFIER_LENGTH.min} to ${IDENTIFIER_LENGTH.max} characters`,
  });

const seconds = (min: number, max: number) =>
  z
    .int({ error: `must be a whole number of seconds from ${min} to ${max}` })
    .min(min, {
      error: `must be at least ${min} seconds`,
    })
    .max(max, { error: `must be at most ${max} seconds` });

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be the name of an environment variable' });

const origin = z.string().refine(
  (value) => {
    try {
      return new URL(value).origin === value && value !== 'null';
    } catch {
      return false;
    }
  },
  {
    error:
      "must be an exact origin like 'https://app.example.com' (no path, no trailing slash, no wildcard)",
  },
);

/** The file's schema. Unknown keys are errors, so a typo cannot silently weaken the setup. */
export const proxyConfigSchema = z.strictObject({
  mode: z
    .enum(['fan-out', 'pass-through'], { error: "must be 'fan-out' or 'pass-through'" })
    .optional(),
  region: z.string().min(1, { error: 'must be a region name, e.g. eu-west-1' }).optional(),
  endpoint: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
  allow: z
    .array(
      z.strictObject({
        application: identifier,
        environment: identifier,
        profile: identifier,
        upstream: z
          .strictObject({
            application: identifier.optional(),
            environment: identifier.optional(),
            profile: identifier.optional(),
          })
          .optional(),
      }),
      { error: 'must be a list of { "application", "environment", "profile" }' },
    )
    .min(1, { error: 'must list at least one configuration browsers may read' }),
  origins: z.array(origin, { error: 'must be a list of origins' }).optional(),
  corsCredentials: z.boolean({ error: 'must be true or false' }).optional(),
  allowHeaders: z
    .array(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, { error: 'must be a header name' }))
    .optional(),
  pollIntervalSeconds: seconds(POLL_INTERVAL_SECONDS.min, POLL_INTERVAL_SECONDS.max).optional(),
  upstreamPollIntervalSeconds: seconds(
    POLL_INTERVAL_SECONDS.min,
    POLL_INTERVAL_SECONDS.max,
  ).optional(),
  // More AppConfigDataClient settings (e.g. `maxAttempts`, `retryMode`), as createProxy's
  // `clientConfig`; JSON values only, and never credentials (see MISPLACED).
  clientConfig: z
    .record(z.string(), z.json(), { error: 'must be an object of AppConfigDataClient settings' })
    .refine((value) => !('credentials' in value), {
      error:
        'must not hold credentials: the proxy uses the AWS SDK default provider chain (environment, profile, container or instance role)',
    })
    .optional(),
  upstreamTimeoutMs: z.int().min(1).max(60_000, { error: 'must be at most 60000 ms' }).optional(),
  rateLimit: z
    .union(
      [
        z.literal(false),
        z.strictObject({
          requestsPerSecond: z.number().positive({ error: 'must be a positive number' }).optional(),
          burst: z.int().min(1, { error: 'must be a whole number, at least 1' }).optional(),
          maxClients: z.int().min(1, { error: 'must be a whole number, at least 1' }).optional(),
        }),
      ],
      { error: 'must be false or { "requestsPerSecond", "burst", "maxClients" }' },
    )
    .optional(),
  trustProxy: z
    .union([z.boolean(), z.int().min(1).max(10)], {
      error: 'must be true, false or the number of proxies in front (1 to 10)',
    })
    .optional(),
  // One variable, or a list for key rotation: the first signs, every one verifies ([new, old]).
  secretEnv: z
    .union([envName, z.array(envName).min(1, { error: 'must name at least one variable' })], {
      error: 'must be the name of an environment variable, or a list of names ([new, old])',
    })
    .optional(),
  maxBodyBytes: z
    .int()
    .min(1024, { error: 'must be at least 1024' })
    .max(1024 * 1024, { error: 'must be at most 1048576' })
    .optional(),
  basePath: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*\/?$/, { error: "must be a path like '/appconfig'" })
    .optional(),
});

export type ProxyConfigFile = z.infer<typeof proxyConfigSchema>;

/** A refused config file: one line per problem. */
export class ProxyConfigError extends Error {
  override readonly name = 'ProxyConfigError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

// Keys people may try to put in the file, with what to do instead.
const MISPLACED: Record<string, string> = {
  secret: `the token secret must not be in the file: put it in an environment variable and name that variable with "secretEnv" (default ${DEFAULT_SECRET_ENV})`,
  credentials:
    'AWS credentials must not be in the file: the proxy uses the AWS SDK default provider chain (environment, profile, container or instance role)',
  accessKeyId:
    'AWS credentials must not be in the file: the proxy uses the AWS SDK default provider chain',
  secretAccessKey:
    'AWS credentials must not be in the file: the proxy uses the AWS SDK default provider chain',
};

const pathOf = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (out, key) =>
      typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key),
    '',
  );

/** Validates parsed JSON. @throws ProxyConfigError */
export function parseProxyConfig(value: unknown, file: string): ProxyConfigFile {
  const problems: string[] = [];
  if (typeof value === 'object' && value !== null) {
    for (const [key, advice] of Object.entries(MISPLACED)) {
      if (key in value) problems.push(`${key}: ${advice}`);
    }
  }
  const parsed = proxyConfigSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          if (!(key in MISPLACED && issue.path.length === 0)) {
            problems.push(`${pathOf([...issue.path, key])}: is not a known setting`);
          }
        }
      } else {
        problems.push(`${pathOf(issue.path) || '(file)'}: ${issue.message}`);
      }
    }
  }
  if (problems.length > 0) throw new ProxyConfigError(file, problems);
  return parsed.data!;
}

/** Reads and validates the file. @throws ProxyConfigError */
export async function loadProxyConfig(file: string): Promise<ProxyConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ProxyConfigError(file, [`cannot be read: ${(error as Error).message}`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProxyConfigError(file, [`is not valid JSON: ${(error as Error).message}`]);
  }
  return parseProxyConfig(value, file);
}

/** The `createProxy` options a config file describes (without secret, logger or clock). */
export function proxyOptionsOf(config: ProxyConfigFile): ProxyOptions {
  const options: ProxyOptions = { allow: config.allow };
  if (config.mode) options.mode = config.mode;
  if (config.region) options.region = config.region;
  if (config.endpoint) options.endpoint = config.endpoint;
  if (config.origins) {
    options.cors = { origins: config.origins };
    if (config.corsCredentials) options.cors.credentials = true;
    if (config.allowHeaders) options.cors.allowHeaders = config.allowHeaders;
  }
  if (config.pollIntervalSeconds !== undefined)
    options.pollIntervalSeconds = config.pollIntervalSeconds;
  if (config.upstreamPollIntervalSeconds !== undefined) {
    options.upstreamPollIntervalSeconds = config.upstreamPollIntervalSeconds;
  }
  if (config.upstreamTimeoutMs !== undefined) options.upstreamTimeoutMs = config.upstreamTimeoutMs;
  if (config.clientConfig !== undefined) {
    options.clientConfig = config.clientConfig as Record<string, unknown>;
  }
  if (config.rateLimit !== undefined) options.rateLimit = config.rateLimit;
  if (config.trustProxy !== undefined) options.trustProxy = config.trustProxy;
  if (config.maxBodyBytes !== undefined) options.maxBodyBytes = config.maxBodyBytes;
  if (config.basePath !== undefined) options.basePath = config.basePath;
  return options;
}
