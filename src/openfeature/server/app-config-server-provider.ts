/**
 * The OpenFeature server provider (`@openfeature/server-sdk`, Node): flags from AWS AppConfig
 * through our proxy or emulator (`endpoint`) or straight through the AWS SDK (`aws`), on one
 * `createAppConfigClient` that polls in the background; evaluations read the configuration it
 * holds and never wait for the network.
 */
import {
  OpenFeatureEventEmitter,
  ProviderEvents,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import type { AppConfigClient, AppConfigClientOptions } from '../../core/types.js';
import {
  createAwsSdkTransport,
  type AwsSdkTransport,
  type AwsSdkTransportOptions,
} from '../aws-sdk-transport.js';
import {
  ProviderCore,
  type AppConfigProviderSource,
  type ProviderEvent,
  type ProviderEventDetails,
} from '../provider-core.js';

/** Straight to AWS AppConfig: the client's options, with the AWS SDK in place of an endpoint. */
export type AppConfigServerProviderAwsOptions = Omit<
  AppConfigClientOptions<unknown>,
  'endpoint' | 'transport' | 'fetch' | 'headers' | 'credentials'
> & {
  /**
   * Carry the calls over `@aws-sdk/client-appconfigdata` (region and credentials from the
   * environment unless `clientConfig` says otherwise). The provider destroys the SDK client it
   * created when it is closed.
   */
  aws: AwsSdkTransportOptions;
};

/**
 * Options of `AppConfigServerProvider`: the client's options (an `endpoint` of our proxy or
 * emulator, or a `transport`), `{ aws }` to reach AWS through its SDK, or `{ client }` to share one.
 */
export type AppConfigServerProviderOptions =
  AppConfigProviderSource | AppConfigServerProviderAwsOptions;

const EVENTS = {
  ready: ProviderEvents.Ready,
  stale: ProviderEvents.Stale,
  error: ProviderEvents.Error,
  changed: ProviderEvents.ConfigurationChanged,
} as const satisfies Record<ProviderEvent, ProviderEvents>;

/**
 * An OpenFeature server provider for AWS AppConfig. One session per provider, polled at the
 * interval AppConfig answers, whatever the number of requests evaluating flags. Flag keys as for
 * the web provider: `flagKey`, `flagKey.attribute`, or a JSON pointer; see docs/openfeature.md.
 *
 * The evaluation context is not used: AppConfig's data API serves one configuration per session,
 * the same for every caller.
 *
 * @example
 * // Straight to AWS (region and credentials from the environment), or `endpoint` for our proxy.
 * await OpenFeature.setProviderAndWait(
 *   new AppConfigServerProvider({
 *     aws: {},
 *     application: 'shop',
 *     environment: 'prod',
 *     profile: 'flags',
 *   }),
 * );
 * await OpenFeature.getClient().getBooleanValue('darkMode', false);
 */
export class AppConfigServerProvider implements Provider {
  readonly metadata = { name: 'AWS AppConfig' } as const;
  readonly runsOn = 'server' as const;
  /** Emits `PROVIDER_READY`, `PROVIDER_STALE`, `PROVIDER_ERROR` and `PROVIDER_CONFIGURATION_CHANGED`. */
  readonly events = new OpenFeatureEventEmitter();
  private readonly core: ProviderCore;
  private readonly transport: AwsSdkTransport | undefined;

  /** @throws InvalidOptionsError for a bad client option (before any request). */
  constructor(options: AppConfigServerProviderOptions) {
    let source: AppConfigProviderSource;
    if ('aws' in options) {
      const { aws, ...rest } = options;
      this.transport = createAwsSdkTransport(aws);
      source = { ...rest, transport: this.transport };
    } else {
      source = options;
    }
    const emit = (event: ProviderEvent, details: ProviderEventDetails) =>
      this.events.emit(EVENTS[event], details);
    try {
      this.core = new ProviderCore(source, emit);
    } catch (error) {
      this.transport?.destroy();
      throw error;
    }
  }

  /** The AppConfig client behind the provider (its snapshot, events, `reset()`). */
  get client(): AppConfigClient<unknown> {
    return this.core.client;
  }

  /** Starts polling; resolves with the first configuration, rejects when the first attempt fails. */
  initialize(_context?: EvaluationContext): Promise<void> {
    return this.core.initialize();
  }

  /** Stops polling; disposes the client unless it was passed in, and the AWS SDK client of `aws`. */
  async onClose(): Promise<void> {
    await this.core.close();
    this.transport?.destroy();
  }

  resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
  ): Promise<ResolutionDetails<boolean>> {
    return Promise.resolve(this.core.resolve(flagKey, 'boolean', defaultValue));
  }

  resolveStringEvaluation(
    flagKey: string,
    defaultValue: string,
  ): Promise<ResolutionDetails<string>> {
    return Promise.resolve(this.core.resolve(flagKey, 'string', defaultValue));
  }

  resolveNumberEvaluation(
    flagKey: string,
    defaultValue: number,
  ): Promise<ResolutionDetails<number>> {
    return Promise.resolve(this.core.resolve(flagKey, 'number', defaultValue));
  }

  resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
  ): Promise<ResolutionDetails<T>> {
    return Promise.resolve(this.core.resolve(flagKey, 'object', defaultValue));
  }
}
