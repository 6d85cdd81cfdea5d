/**
 * The two AppConfig Data calls to AWS through the official SDK, `@aws-sdk/client-appconfigdata`,
 * loaded with `import()` on first use so that browser-only users of this package never need it.
 * The SDK signs (SigV4, default credential chain) and reaches exactly the endpoint of the options
 * (or the region's): nothing from a browser request is forwarded but validated identifiers and
 * the upstream token.
 */
import type * as AppConfigDataSdk from '@aws-sdk/client-appconfigdata';
import type { AwsCredentials, UpstreamClient, UpstreamOperation } from './types.js';
import { importOptional } from '../../core/import-optional.js';
import { nodeCrypto } from '../shared/hmac-sha256.js';

/** A GetLatestConfiguration answer. */
export interface UpstreamLatest {
  nextToken: string | undefined;
  intervalSeconds: number | undefined;
  contentType: string | undefined;
  versionLabel: string | undefined;
  body: Uint8Array;
}

/** Upstream identifiers of one session. */
export interface UpstreamIds {
  ApplicationIdentifier: string;
  EnvironmentIdentifier: string;
  ConfigurationProfileIdentifier: string;
}

export interface UpstreamSettings {
  client?: UpstreamClient;
  region?: string;
  endpoint?: string;
  credentials?: AwsCredentials | (() => Promise<AwsCredentials>);
  clientConfig?: Record<string, unknown>;
  timeoutMs: number;
}

type Sdk = typeof AppConfigDataSdk;
type Operation = 'StartConfigurationSession' | 'GetLatestConfiguration';

/** Reports each call: for metrics and logs. */
export type UpstreamObserver = (call: {
  operation: UpstreamOperation;
  /** `application/environment/profile` as browsers name it. */
  configuration: string;
  ok: boolean;
  durationMs: number;
  error?: unknown;
}) => void;

export const SDK_MISSING_MESSAGE =
  'createProxy needs the AWS SDK package @aws-sdk/client-appconfigdata (an optional peer dependency of appconfig-react): npm i @aws-sdk/client-appconfigdata';

export function createUpstream(
  settings: UpstreamSettings,
  now: () => number,
  observe: UpstreamObserver,
) {
  let loading: Promise<Loaded> | undefined;
  let closed = false;

  function load() {
    loading ??= importOptional<Sdk>('@aws-sdk/client-appconfigdata').then(
      (sdk): Loaded => {
        if (settings.client) return { sdk, client: settings.client, owned: false, cached: false };
        const client = new sdk.AppConfigDataClient({
          ...ownClientConfig(settings),
          ...settings.clientConfig,
        });
        trimMiddleware(client.middlewareStack as unknown as SdkStack, settings.clientConfig);
        if (!settings.clientConfig?.signer) reuseSigner(client.config as never);
        if (closed) client.destroy();
        // Calls without a per-call signal only where the proxy's own request handler and body
        // collector bound them (a signal would turn the SDK's middleware cache off); a handler,
        // collector or cache setting of `clientConfig` gets the abort signal as before.
        const own = settings.clientConfig ?? {};
        const cached = !OWN_CALL_SETTINGS.some((name) => name in own);
        return { sdk, client: client as UpstreamClient, owned: true, cached };
      },
      (cause: unknown) => {
        loading = undefined;
        throw new Error(SDK_MISSING_MESSAGE, { cause });
      },
    );
    return loading;
  }

  async function call<T>(
    operation: Operation,
    configuration: string,
    makeCommand: (sdk: Sdk) => object,
    read: (output: Record<string, unknown>) => T,
  ): Promise<T> {
    const started = now();
    try {
      const { sdk, client, cached } = await load();
      const output = (await (cached
        ? withDeadline(client.send(makeCommand(sdk)), settings.timeoutMs)
        : client.send(makeCommand(sdk), {
            abortSignal: AbortSignal.timeout(settings.timeoutMs),
          }))) as Record<string, unknown>;
      const result = read(output ?? {});
      observe({ operation, configuration, ok: true, durationMs: now() - started });
      return result;
    } catch (error) {
      observe({ operation, configuration, ok: false, durationMs: now() - started, error });
      throw error;
    }
  }

  return {
    /**
     * StartConfigurationSession: the initial upstream token. `intervalSeconds` is sent as
     * `RequiredMinimumPollIntervalInSeconds` only when given. `label` names it in logs.
     */
    startSession(
      ids: UpstreamIds,
      intervalSeconds: number | undefined,
      label: string,
    ): Promise<string> {
      return call(
        'StartConfigurationSession',
        label,
        (sdk) =>
          new sdk.StartConfigurationSessionCommand(
            intervalSeconds === undefined
              ? ids
              : { ...ids, RequiredMinimumPollIntervalInSeconds: intervalSeconds },
          ),
        (output) => {
          const token = output.InitialConfigurationToken;
          if (typeof token !== 'string' || token === '') {
            throw Object.assign(new Error('AWS answered without InitialConfigurationToken'), {
              name: 'InvalidUpstreamResponse',
            });
          }
          return token;
        },
      );
    },

    /** GetLatestConfiguration with an upstream token. */
    getLatest(token: string, label: string): Promise<UpstreamLatest> {
      return call(
        'GetLatestConfiguration',
        label,
        (sdk) => new sdk.GetLatestConfigurationCommand({ ConfigurationToken: token }),
        (output) => {
          const text = (value: unknown) =>
            typeof value === 'string' && value !== '' ? value : undefined;
          const body = output.Configuration;
          return {
            nextToken: text(output.NextPollConfigurationToken),
            intervalSeconds:
              typeof output.NextPollIntervalInSeconds === 'number'
                ? output.NextPollIntervalInSeconds
                : undefined,
            contentType: text(output.ContentType),
            versionLabel: text(output.VersionLabel),
            body: body instanceof Uint8Array ? body : new Uint8Array(0),
          };
        },
      );
    },

    /** Loads the SDK and resolves the region, so a misconfiguration shows before traffic does. */
    async ready(): Promise<void> {
      const { client } = await load();
      const region = (client as { config?: { region?: unknown } }).config?.region;
      if (typeof region === 'function') {
        try {
          await (region as () => Promise<string>)();
        } catch (cause) {
          throw new Error(
            'No AWS region for the proxy: set "region" in its options (or config file), or AWS_REGION in the environment.',
            { cause },
          );
        }
      }
    },

    close(): void {
      closed = true;
      void loading?.then(({ client, owned }) => owned && client.destroy?.()).catch(() => undefined);
    },
  };
}

export type Upstream = ReturnType<typeof createUpstream>;

/**
 * The settings of the client the proxy builds, before `clientConfig`. In pass-through mode every
 * browser poll is one call through the SDK's whole middleware chain, so its per-call work counts:
 * - one attempt per call: the proxy's own policy (fan-out's backoff, the browser's retries in
 *   pass-through) sits above it, so the SDK's default 3 attempts would multiply load under
 *   throttling;
 * - the middleware stack resolved once per command kind (`cacheMiddleware`), not per call. A
 *   cached stack takes no per-call `abortSignal`, so the timeout is the request handler's
 *   (`requestTimeout`, which also destroys the request) and `withDeadline`'s around the call;
 * - SigV4's HMACs keyed with a `KeyObject` made once per key (`keyedSha256`), not from the raw
 *   secret on every call;
 * - the response body collected from the Node stream directly, without the SDK's `pipe` into a
 *   `Writable` (a poll's body is one chunk or a few).
 */
function ownClientConfig(settings: UpstreamSettings): Record<string, unknown> {
  const config: Record<string, unknown> = {
    maxAttempts: 1,
    cacheMiddleware: true,
    requestHandler: { requestTimeout: settings.timeoutMs, throwOnRequestTimeout: true },
    streamCollector: (stream: unknown) => collectStream(stream, settings.timeoutMs),
  };
  const sha256 = keyedSha256();
  if (sha256) config.sha256 = sha256;
  if (settings.region) config.region = settings.region;
  if (settings.endpoint) config.endpoint = settings.endpoint;
  if (settings.credentials) config.credentials = settings.credentials;
  return config;
}

interface SdkStack {
  remove(name: string): boolean;
  add(middleware: unknown, options: Record<string, unknown>): void;
}

/**
 * Drops the middleware that does nothing useful for this client but costs CPU on every call:
 * - recursion detection acts in AWS Lambda only (it forwards the X-Ray trace header there);
 * - the user agent (the SDK's version and features, escaped anew for each call), unless
 *   `clientConfig` names one (`customUserAgent`, `userAgentAppId`);
 * - retries, with the proxy's single attempt (unless `clientConfig` asks for more attempts, or
 *   sets `retryMode` or `retryStrategy`): the SDK's retry step still creates an invocation ID,
 *   a retry token and an Error per call. Signing is placed after it, so it becomes a
 *   pass-through step of the same name.
 */
function trimMiddleware(stack: SdkStack, clientConfig: Record<string, unknown> = {}): void {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  if (!env?.AWS_LAMBDA_FUNCTION_NAME) stack.remove('recursionDetectionMiddleware');
  if (!('customUserAgent' in clientConfig) && !('userAgentAppId' in clientConfig)) {
    stack.remove('getUserAgentMiddleware');
  }
  const attempts = clientConfig.maxAttempts ?? 1;
  if (attempts === 1 && !('retryMode' in clientConfig) && !('retryStrategy' in clientConfig)) {
    stack.add((next: (args: unknown) => Promise<unknown>) => next, {
      name: 'retryMiddleware',
      tags: ['RETRY'],
      step: 'finalizeRequest',
      priority: 'high',
      override: true,
    });
  }
}

/**
 * One SigV4 signer for the client. The SDK's default `signer` builds a new `SignatureV4` from a
 * copy of the whole client config on every call, for a region and service that are fixed after
 * the first (the SDK keeps them in the config then).
 */
function reuseSigner(config: { signer?: (authScheme?: unknown) => Promise<unknown> }): void {
  const build = config.signer;
  if (typeof build !== 'function') return;
  let signer: Promise<unknown> | undefined;
  config.signer = (authScheme) => {
    signer ??= build(authScheme).catch((error: unknown) => {
      signer = undefined;
      throw error;
    });
    return signer;
  };
}

/**
 * The SDK's `sha256` setting (a hash, or an HMAC when given a secret) on `node:crypto`, with the
 * `KeyObject` of each HMAC key kept: SigV4 keys its HMACs with the secret access key and with
 * the day's signing key (the same bytes, from the SDK's cache, all day), and Node's `createHmac`
 * re-derives a raw key's pads on every call. Few keys live at once (a credential and a day's
 * key); the map starts over past 16. Undefined without `node:crypto` (the SDK's default then).
 */
/** The SDK's `Checksum` (`sha256` setting) as this file makes it. */
interface Sha256 {
  update(data: Uint8Array): void;
  digest(): Promise<Uint8Array>;
  reset(): void;
}

export function keyedSha256(): (new (secret?: string | Uint8Array) => Sha256) | undefined {
  const node = nodeCrypto();
  if (!node) return undefined;
  // Keyed by content, not identity: a byte key refilled in place must not find its old KeyObject.
  const keys = new Map<string, ReturnType<typeof node.createSecretKey>>();
  const keyOf = (secret: string | Uint8Array) => {
    const bytes =
      typeof secret === 'string'
        ? Buffer.from(secret, 'utf8')
        : Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength);
    const name = bytes.toString('latin1');
    let key = keys.get(name);
    if (!key) {
      if (keys.size >= 16) keys.clear();
      key = node.createSecretKey(bytes);
      keys.set(name, key);
    }
    return key;
  };
  return class KeyedSha256 {
    private hash: ReturnType<typeof node.createHash> | ReturnType<typeof node.createHmac>;
    constructor(private readonly secret?: string | Uint8Array) {
      this.hash = this.create();
    }
    private create() {
      return this.secret === undefined || this.secret.length === 0
        ? node.createHash('sha256')
        : node.createHmac('sha256', keyOf(this.secret));
    }
    update(data: Uint8Array): void {
      this.hash.update(data);
    }
    digest(): Promise<Uint8Array> {
      const bytes = this.hash.digest();
      return Promise.resolve(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
    reset(): void {
      this.hash = this.create();
    }
  };
}

/** The SDK and the client calls go through; `owned`: the proxy made it (and destroys it). */
interface Loaded {
  sdk: Sdk;
  client: UpstreamClient;
  owned: boolean;
  /** Calls go without a per-call signal, bounded by the proxy's handler and body collector. */
  cached: boolean;
}

/** `clientConfig` settings that replace what bounds a call without an abort signal. */
const OWN_CALL_SETTINGS = ['requestHandler', 'streamCollector', 'cacheMiddleware'];

/**
 * The SDK's `streamCollector`: a Node stream's bytes gathered from its `data` events, as one new
 * `Uint8Array` like the SDK's own. Anything else (a web stream or Blob, from another request
 * handler in `clientConfig`) is read as a fetch body. With `withinMs`, a body that has not ended
 * by then is destroyed (and with it its socket) and the read fails with a `TimeoutError`: the
 * request handler's `requestTimeout` ends when the headers arrive, and a stalled body would
 * otherwise hold its socket, and a place in the agent's pool, for good.
 */
export function collectStream(stream: unknown, withinMs?: number): Promise<Uint8Array> {
  const body = stream as NodeJS.ReadableStream & { destroy?: (error: Error) => void };
  if (typeof body?.on !== 'function') {
    return new Response(stream as BodyInit).arrayBuffer().then((bytes) => new Uint8Array(bytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    const timer =
      withinMs === undefined
        ? undefined
        : setTimeout(() => {
            const error = new DOMException('The response body timed out', 'TimeoutError');
            body.destroy?.(error);
            reject(error);
          }, withinMs);
    body.on('data', (chunk: Uint8Array) => {
      chunks.push(chunk);
      length += chunk.byteLength;
    });
    body.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    body.on('end', () => {
      clearTimeout(timer);
      const bytes = new Uint8Array(length);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      resolve(bytes);
    });
  });
}

/** `promise`, or a TimeoutError after `ms` (the call itself is left to its own timeout). */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
      ms,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
