/**
 * The two AppConfig Data calls to AWS through the official SDK, `@aws-sdk/client-appconfigdata`,
 * loaded with `import()` on first use so that browser-only users of this package never need it.
 * The SDK signs (SigV4, default credential chain) and reaches exactly the endpoint of the options
 * (or the region's): nothing from a browser request is forwarded but validated identifiers and
 * the upstream token.
 */
import type * as AppConfigDataSdk from '@aws-sdk/client-appconfigdata';
import type { AwsCredentials, UpstreamClient } from './types.js';
import { importOptional } from '../../core/import-optional.js';

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
  operation: Operation;
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
  let loading: Promise<{ sdk: Sdk; client: UpstreamClient; owned: boolean }> | undefined;
  let closed = false;

  function load() {
    loading ??= importOptional<Sdk>('@aws-sdk/client-appconfigdata').then(
      (sdk): { sdk: Sdk; client: UpstreamClient; owned: boolean } => {
        if (settings.client) return { sdk, client: settings.client, owned: false };
        // One attempt per call: the proxy's own policy (fan-out's backoff, the browser's retries in
        // pass-through) sits above it, so the SDK's default 3 attempts would multiply load under
        // throttling. `clientConfig` may still set its own.
        const config: Record<string, unknown> = { maxAttempts: 1 };
        if (settings.region) config.region = settings.region;
        if (settings.endpoint) config.endpoint = settings.endpoint;
        if (settings.credentials) config.credentials = settings.credentials;
        const client = new sdk.AppConfigDataClient({ ...config, ...settings.clientConfig });
        if (closed) client.destroy();
        return { sdk, client: client as UpstreamClient, owned: true };
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
      const { sdk, client } = await load();
      const output = (await client.send(makeCommand(sdk), {
        abortSignal: AbortSignal.timeout(settings.timeoutMs),
      })) as Record<string, unknown>;
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
