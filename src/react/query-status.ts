/**
 * The hooks' `status`, `error` and `stopped`, read off React Query's state: `error` is the query's
 * error, or while React Query retries, the failure it retries after; `stopped` says retrying
 * cannot help (an unknown profile, a refused request) until `reset()`.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import type { AppConfigError } from '../core/errors.js';
import type { AppConfigStatus } from '../core/types.js';
import { stopsTheClient } from '../query/app-config-query-options.js';

/** @internal */
export interface QueryStatus {
  status: AppConfigStatus;
  error: AppConfigError | undefined;
  stopped: boolean;
}

/** `ready` when a configuration is there, else `error` after a failure, else `loading`. @internal */
export function queryStatus(
  result: UseQueryResult<unknown, AppConfigError>,
  ready: boolean,
): QueryStatus {
  const error = result.error ?? result.failureReason ?? undefined;
  return {
    status: ready ? 'ready' : error ? 'error' : 'loading',
    error,
    stopped: stopsTheClient(result.error),
  };
}
