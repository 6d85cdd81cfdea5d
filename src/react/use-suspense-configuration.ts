'use client';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type {
  SchemaOutput,
  SuspenseConfigurationResult,
  UseConfigurationOptions,
} from './types.js';
import { useConfigurationResult } from './use-configuration.js';
import { suspendUntilConfigured } from './suspend-until-configured.js';

/**
 * `useConfiguration` for Suspense, on React Query's Suspense: suspends until a configuration
 * (prefetched, persisted, initial or from the network) is available, so `data` is always defined.
 * Throws to the nearest error boundary when the query fails with no configuration to show: the
 * client stopped (e.g. unknown profile), the configuration AppConfig serves cannot be decoded or
 * is refused by the provider's `schema`, failures outlasted React Query's retries, or this hook's
 * `schema` refused every configuration so far (each a `ConfigurationDecodeError` or the AWS
 * error). On a server, without prefetched or initial data, it throws so that React renders the
 * Suspense fallback there: prefetch with `prefetchAppConfig` to render it on the server instead.
 * Put the error boundary inside the provider: the provider keeps polling, so resetting the
 * boundary once a good configuration has arrived renders the component.
 */
export function useSuspenseConfiguration<
  TSchema extends StandardSchemaV1 | undefined = undefined,
  TSelected = SchemaOutput<TSchema, unknown>,
>(
  options?: UseConfigurationOptions<unknown, TSchema, TSelected>,
): SuspenseConfigurationResult<TSelected> {
  const hook = 'useSuspenseConfiguration';
  const { result, context } = useConfigurationResult(
    hook,
    options as UseConfigurationOptions<unknown, StandardSchemaV1 | undefined, unknown>,
    true,
  );
  if (result.status !== 'ready') {
    if (result.error?.name === 'ConfigurationDecodeError') throw result.error;
    suspendUntilConfigured(hook, context);
  }
  return result as SuspenseConfigurationResult<TSelected>;
}
