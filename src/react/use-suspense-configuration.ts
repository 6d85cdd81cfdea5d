'use client';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type {
  SchemaOutput,
  SuspenseConfigurationResult,
  UseConfigurationOptions,
} from './types.js';
import { useConfigurationResult } from './use-configuration.js';
import { useIsHydrating } from './use-selected-snapshot.js';
import { suspendUntilReady } from './when-configured.js';

/**
 * `useConfiguration` for Suspense: suspends until a configuration (network, persisted or initial)
 * is available, so `data` is always defined. Throws to the nearest error boundary when there is
 * none and waiting cannot bring one: the client stopped (e.g. unknown profile), or the
 * configuration AppConfig serves cannot be decoded or is refused by the provider's `schema`, or
 * this hook's `schema` refused every configuration so far (each a `ConfigurationDecodeError`).
 * Transient failures (network, throttling) keep it suspended while the client retries with
 * backoff; pair it with `initialConfiguration` to never wait. On the server, without a
 * configuration, React renders the Suspense fallback instead.
 * Put that error boundary inside the provider: the provider keeps polling, so resetting the
 * boundary once a good configuration has arrived renders the component.
 */
export function useSuspenseConfiguration<
  TSchema extends StandardSchemaV1 | undefined = undefined,
  TSelected = SchemaOutput<TSchema, unknown>,
>(
  options?: UseConfigurationOptions<unknown, TSchema, TSelected>,
): SuspenseConfigurationResult<TSelected> {
  const { result, context } = useConfigurationResult(
    'useSuspenseConfiguration',
    options as UseConfigurationOptions<unknown, StandardSchemaV1 | undefined, unknown>,
  );
  const hydrating = useIsHydrating();
  suspendUntilReady(
    'useSuspenseConfiguration',
    context,
    { ready: result.status === 'ready', stopped: result.stopped, error: result.error },
    hydrating,
  );
  return result as SuspenseConfigurationResult<TSelected>;
}
