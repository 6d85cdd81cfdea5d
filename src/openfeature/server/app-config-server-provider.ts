/**
 * The OpenFeature server provider (`@openfeature/server-sdk`, Node): flags from AWS AppConfig
 * through our proxy or emulator (`endpoint`), on one `createAppConfigClient` that polls in the
 * background; evaluations read the configuration it holds and never wait for the network.
 */
import {
  OpenFeatureEventEmitter,
  ProviderEvents,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import type { AppConfigClient } from '../../core/types.js';
import {
  ProviderCore,
  type AppConfigProviderSource,
  type ProviderEvent,
} from '../provider-core.js';

/** Options of `AppConfigServerProvider`: the client's options, or `{ client }` to share one. */
export type AppConfigServerProviderOptions = AppConfigProviderSource;

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
 * await OpenFeature.setProviderAndWait(
 *   new AppConfigServerProvider({
 *     endpoint: 'http://127.0.0.1:2772',
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

  /** @throws InvalidOptionsError for a bad client option (before any request). */
  constructor(options: AppConfigServerProviderOptions) {
    this.core = new ProviderCore(options, (event, details) =>
      this.events.emit(EVENTS[event], details),
    );
  }

  /** The AppConfig client behind the provider (its snapshot, events, `reset()`). */
  get client(): AppConfigClient<unknown> {
    return this.core.client;
  }

  /** Starts polling; resolves with the first configuration, rejects when the first attempt fails. */
  initialize(_context?: EvaluationContext): Promise<void> {
    return this.core.initialize();
  }

  /** Stops polling; disposes the client unless it was passed in. */
  onClose(): Promise<void> {
    return this.core.close();
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
