/**
 * An `AppConfigTransport` over the official AWS SDK (`@aws-sdk/client-appconfigdata`, an optional
 * peer dependency loaded with `import()` on the first call): for servers that reach AWS AppConfig
 * directly, signing with the SDK's credential chain. The token chain's rules (single use,
 * intervals, backoff, renewal) stay in the client above, so the SDK makes one attempt per call.
 */
import type * as AppConfigDataSdk from '@aws-sdk/client-appconfigdata';
import type {
  AppConfigDataClient,
  AppConfigDataClientConfig,
  GetLatestConfigurationCommandOutput,
  StartConfigurationSessionCommandOutput,
} from '@aws-sdk/client-appconfigdata';
import { AppConfigServiceError, InvalidOptionsError } from '../core/errors.js';
import type {
  AppConfigTransport,
  CallOptions,
  LatestConfiguration,
  SessionRequest,
  SessionStart,
} from '../core/transport.js';
import { fromSdkError } from './aws-sdk-error.js';
import { importOptional } from '../core/import-optional.js';

type Sdk = typeof AppConfigDataSdk;
/** What `send` needs of an SDK command: a deserialize-step middleware of its own. */
interface Command {
  middlewareStack: {
    add(
      middleware: (next: Handler) => Handler,
      options: { step: 'deserialize'; priority: 'low'; name: string },
    ): void;
  };
}
type Handler = (args: unknown) => Promise<{ response: unknown }>;

/** Options of `createAwsSdkTransport`. */
export interface AwsSdkTransportOptions {
  /**
   * Configuration of the SDK client the transport creates: `region`, `credentials`, `endpoint`…
   * Default: the SDK's own (region and credentials from the environment). `maxAttempts` is
   * always 1: the AppConfig client retries, with the chain's backoff and the same token.
   */
  clientConfig?: Omit<AppConfigDataClientConfig, 'maxAttempts'>;
  /**
   * A client you made instead (give it `maxAttempts: 1`, or each failure is retried twice
   * inside the SDK before the chain's backoff starts). `destroy()` leaves it open.
   */
  client?: AppConfigDataClient;
  /** Clock for `Retry-After` dates, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The transport, plus `destroy()` for the SDK client it created. */
export interface AwsSdkTransport extends AppConfigTransport {
  /** Destroys the SDK client the transport created (its sockets); a passed `client` stays open. */
  destroy(): void;
}

const SDK_MISSING =
  'needs the AWS SDK package @aws-sdk/client-appconfigdata (an optional peer dependency of ' +
  'appconfig-react): npm i @aws-sdk/client-appconfigdata';

/** The AWS SDK's `Uint8ArrayBlobAdapter` is a Uint8Array; an empty body may come as undefined. */
const bytesOf = (value: unknown) => (value instanceof Uint8Array ? value : new Uint8Array(0));

const invalidResponse = (message: string, status: number | undefined) =>
  new AppConfigServiceError('InvalidResponse', message, { status: status ?? 200 });

/**
 * Creates a transport that carries StartConfigurationSession and GetLatestConfiguration over the
 * AWS SDK. Pass it as `createAppConfigClient({ transport, … })`.
 *
 * The client's `context` is not sent: the AppConfig Data API takes none, and serves every flag's
 * default values (variants of multi-variant flags are evaluated by the AppConfig Agent, or by our
 * proxy and emulator). The `headers` option is not sent either: the SDK signs its own requests.
 *
 * @example
 * const transport = createAwsSdkTransport({ clientConfig: { region: 'eu-west-1' } });
 */
export function createAwsSdkTransport(options: AwsSdkTransportOptions = {}): AwsSdkTransport {
  const now = options.now ?? (() => Date.now());
  let loading: Promise<{ sdk: Sdk; client: AppConfigDataClient }> | undefined;
  let created: AppConfigDataClient | undefined;
  let destroyed = false;

  /** Resolves the region once, so a missing one stops the client instead of being retried. */
  async function checkRegion(client: AppConfigDataClient): Promise<void> {
    try {
      await client.config.region();
    } catch (cause) {
      throw new InvalidOptionsError(
        'clientConfig.region',
        'No AWS region for the AppConfig Data client: set clientConfig.region, or AWS_REGION in ' +
          `the environment (${(cause as Error)?.message ?? cause}).`,
      );
    }
  }

  async function open(): Promise<{ sdk: Sdk; client: AppConfigDataClient }> {
    let sdk: Sdk;
    try {
      sdk = await importOptional<Sdk>('@aws-sdk/client-appconfigdata');
    } catch (cause) {
      // An AppConfigError that retrying cannot fix: the client stops and shows it.
      const error = new InvalidOptionsError('transport', `createAwsSdkTransport ${SDK_MISSING}`);
      throw Object.assign(error, { cause });
    }
    const client =
      options.client ?? new sdk.AppConfigDataClient({ ...options.clientConfig, maxAttempts: 1 });
    try {
      await checkRegion(client);
    } catch (error) {
      if (!options.client) client.destroy();
      throw error;
    }
    if (!options.client) {
      if (destroyed) client.destroy();
      else created = client;
    }
    return { sdk, client };
  }

  const load = () =>
    (loading ??= open().catch((error: unknown) => {
      loading = undefined; // the next call tries again (the package may get installed)
      throw error;
    }));

  async function send<T>(call: CallOptions, command: (sdk: Sdk) => object): Promise<T> {
    const { sdk, client } = await load();
    const built = command(sdk) as unknown as Command;
    const { answered, signal } = call;
    if (answered) {
      // Inside the deserializer: the raw response, its headers come and its body still unread.
      // A success here has spent the token, so a body that then outlasts the chain's timeout
      // is an incomplete response (the token is dropped), not a failure to send it again.
      built.middlewareStack.add(
        (next) => async (args) => {
          const result = await next(args);
          answered((result.response as { statusCode?: number }).statusCode ?? 0);
          return result;
        },
        { step: 'deserialize', priority: 'low', name: 'appconfigReactAnswered' },
      );
    }
    try {
      return (await client.send(built as never, { abortSignal: signal })) as T;
    } catch (error) {
      throw fromSdkError(error, signal, now());
    }
  }

  return {
    async startSession(request: SessionRequest, call: CallOptions): Promise<SessionStart> {
      const output = await send<StartConfigurationSessionCommandOutput>(
        call,
        (sdk) =>
          new sdk.StartConfigurationSessionCommand({
            ApplicationIdentifier: request.application,
            EnvironmentIdentifier: request.environment,
            ConfigurationProfileIdentifier: request.profile,
            RequiredMinimumPollIntervalInSeconds: request.requiredMinimumPollIntervalInSeconds,
          }),
      );
      const token = output.InitialConfigurationToken;
      if (typeof token !== 'string' || token === '') {
        throw invalidResponse(
          'StartConfigurationSession answered without an InitialConfigurationToken.',
          output.$metadata?.httpStatusCode,
        );
      }
      return { token };
    },

    async getLatest(token: string, call: CallOptions): Promise<LatestConfiguration> {
      const output = await send<GetLatestConfigurationCommandOutput>(
        call,
        (sdk) => new sdk.GetLatestConfigurationCommand({ ConfigurationToken: token }),
      );
      const nextToken = output.NextPollConfigurationToken;
      if (typeof nextToken !== 'string' || nextToken === '') {
        throw invalidResponse(
          'GetLatestConfiguration answered without a NextPollConfigurationToken.',
          output.$metadata?.httpStatusCode,
        );
      }
      const interval = output.NextPollIntervalInSeconds;
      return {
        nextToken,
        intervalSeconds:
          typeof interval === 'number' && Number.isInteger(interval) && interval > 0
            ? interval
            : undefined,
        contentType: output.ContentType || 'application/octet-stream',
        versionLabel: output.VersionLabel || undefined,
        body: bytesOf(output.Configuration),
      };
    },

    destroy() {
      destroyed = true;
      created?.destroy();
      created = undefined;
    },
  };
}
