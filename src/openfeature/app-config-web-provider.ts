/**
 * The OpenFeature web provider (`@openfeature/web-sdk`, and so `@openfeature/react-sdk`): flags
 * from AWS AppConfig through our proxy or emulator, on one `createAppConfigClient`.
 */
import {
  OpenFeatureEventEmitter,
  ProviderEvents,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/web-sdk';
import type { AppConfigClient } from '../core/types.js';
import { ProviderCore, type AppConfigProviderSource, type ProviderEvent } from './provider-core.js';

/** Options of `AppConfigWebProvider`: the client's options, or `{ client }` to share one. */
export type AppConfigWebProviderOptions = AppConfigProviderSource;

const EVENTS = {
  ready: ProviderEvents.Ready,
  stale: ProviderEvents.Stale,
  error: ProviderEvents.Error,
  changed: ProviderEvents.ConfigurationChanged,
} as const satisfies Record<ProviderEvent, ProviderEvents>;

/**
 * An OpenFeature web provider for AWS AppConfig. Evaluations are synchronous reads of the
 * configuration the client holds: one session and one poll per interval, whatever the number of
 * flags evaluated or hooks reading. Flag keys: `flagKey` (a flag's `enabled`), `flagKey.attribute`,
 * or a JSON pointer (`/path/in/configuration`); see docs/openfeature.md.
 *
 * Static-context paradigm: AppConfig serves one configuration per session, the same for every
 * user, so the evaluation context is not used and a context change needs no reconciling.
 *
 * @example
 * await OpenFeature.setProviderAndWait(
 *   new AppConfigWebProvider({
 *     endpoint: '/appconfig',
 *     application: 'shop',
 *     environment: 'prod',
 *     profile: 'flags',
 *   }),
 * );
 * OpenFeature.getClient().getBooleanValue('darkMode', false);
 */
export class AppConfigWebProvider implements Provider {
  readonly metadata = { name: 'AWS AppConfig' } as const;
  readonly runsOn = 'client' as const;
  /** Emits `PROVIDER_READY`, `PROVIDER_STALE`, `PROVIDER_ERROR` and `PROVIDER_CONFIGURATION_CHANGED`. */
  readonly events = new OpenFeatureEventEmitter();
  private readonly core: ProviderCore;

  /** @throws InvalidOptionsError for a bad client option (before any request). */
  constructor(options: AppConfigWebProviderOptions) {
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

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): ResolutionDetails<boolean> {
    return this.core.resolve(flagKey, 'boolean', defaultValue);
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string): ResolutionDetails<string> {
    return this.core.resolve(flagKey, 'string', defaultValue);
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number): ResolutionDetails<number> {
    return this.core.resolve(flagKey, 'number', defaultValue);
  }

  resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
  ): ResolutionDetails<T> {
    return this.core.resolve(flagKey, 'object', defaultValue);
  }
}
