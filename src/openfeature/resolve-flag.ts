/**
 * One OpenFeature evaluation against the client's current snapshot: the value, its reason, and
 * the typed error when there is none to give. Synchronous, so the web SDK (and React's hooks) read
 * the configuration the client already holds; no evaluation ever sends a request.
 */
import {
  ErrorCode,
  StandardResolutionReasons,
  type FlagMetadata,
  type FlagValueType,
  type ResolutionDetails,
  type ResolutionReason,
} from '@openfeature/core';
import { ConfigurationDecodeError } from '../core/errors.js';
import type { AppConfigSnapshot } from '../core/types.js';
import { InvalidFlagKeyError, parseFlagKey } from './flag-path.js';
import { readFlag, type FlagOutcome } from './read-flag.js';

/** What every evaluation reports in `flagMetadata` (members left out when unknown). */
export function snapshotMetadata(snapshot: AppConfigSnapshot<unknown>): FlagMetadata {
  const metadata: FlagMetadata = {};
  if (snapshot.versionLabel !== undefined) metadata.versionLabel = snapshot.versionLabel;
  if (snapshot.contentType !== undefined) metadata.contentType = snapshot.contentType;
  if (snapshot.fetchedAt !== undefined) metadata.fetchedAt = snapshot.fetchedAt;
  if (snapshot.source !== undefined) metadata.source = snapshot.source;
  return metadata;
}

/** Why a value came from this configuration: the failing chain first, then where it came from. */
export function reasonOf(snapshot: AppConfigSnapshot<unknown>): ResolutionReason {
  // A configuration with an error beside it is the last good one: the newest poll failed
  // (throttled, network, server) or the newest deployment was refused.
  if (snapshot.error) return StandardResolutionReasons.STALE;
  if (snapshot.source === 'persisted') return StandardResolutionReasons.CACHED;
  if (snapshot.source === 'initial') return StandardResolutionReasons.DEFAULT;
  return StandardResolutionReasons.STATIC;
}

function failure<T>(
  defaultValue: T,
  errorCode: ErrorCode,
  errorMessage: string,
  flagMetadata?: FlagMetadata,
): ResolutionDetails<T> {
  return {
    value: defaultValue,
    reason: StandardResolutionReasons.ERROR,
    errorCode,
    errorMessage,
    ...(flagMetadata ? { flagMetadata } : {}),
  };
}

/** The answer when there is no configuration to read. */
function withoutConfiguration<T>(
  snapshot: AppConfigSnapshot<unknown>,
  defaultValue: T,
): ResolutionDetails<T> {
  const { error } = snapshot;
  const said = error ? `${error.name}: ${error.message}` : undefined;
  if (error instanceof ConfigurationDecodeError) {
    return failure(defaultValue, ErrorCode.PARSE_ERROR, said!);
  }
  if (error && snapshot.stopped) {
    // Retrying cannot fix this (an unknown profile, a refused request): not a readiness matter.
    return failure(defaultValue, ErrorCode.GENERAL, `AppConfig stopped: ${said}`);
  }
  return failure(
    defaultValue,
    ErrorCode.PROVIDER_NOT_READY,
    said
      ? `No configuration from AppConfig yet (retrying after ${said})`
      : 'No configuration from AppConfig yet.',
  );
}

/** The outcome of a key for one type, or the parse failure of the key itself. */
export function outcomeOf(configuration: unknown, key: string, type: FlagValueType): FlagOutcome {
  try {
    return readFlag(configuration, key, parseFlagKey(key), type);
  } catch (error) {
    if (error instanceof InvalidFlagKeyError) return { kind: 'unreadable', message: error.message };
    throw error;
  }
}

/**
 * Resolves `key` as a `type` value from the snapshot.
 * Reasons: `DISABLED` for a disabled flag, else `STALE` when the newest poll or deployment failed,
 * `CACHED` for a persisted configuration, `DEFAULT` for the `initialConfiguration`, and `STATIC`
 * for one fetched from AppConfig.
 */
export function resolveFlag<T>(
  snapshot: AppConfigSnapshot<unknown>,
  key: string,
  type: FlagValueType,
  defaultValue: T,
): ResolutionDetails<T> {
  if (snapshot.configuration === undefined) return withoutConfiguration(snapshot, defaultValue);
  const flagMetadata = snapshotMetadata(snapshot);
  let outcome: FlagOutcome;
  try {
    outcome = readFlag(snapshot.configuration, key, parseFlagKey(key), type);
  } catch (error) {
    if (!(error instanceof InvalidFlagKeyError)) throw error;
    return failure(defaultValue, ErrorCode.GENERAL, error.message, flagMetadata);
  }
  switch (outcome.kind) {
    case 'value':
      return { value: outcome.value as T, reason: reasonOf(snapshot), flagMetadata };
    case 'disabled':
      return {
        value: (outcome.value ?? defaultValue) as T,
        reason: StandardResolutionReasons.DISABLED,
        flagMetadata,
      };
    case 'missing':
      return failure(defaultValue, ErrorCode.FLAG_NOT_FOUND, outcome.message, flagMetadata);
    case 'mismatch':
      return failure(defaultValue, ErrorCode.TYPE_MISMATCH, outcome.message, flagMetadata);
    case 'unreadable':
      return failure(defaultValue, ErrorCode.PARSE_ERROR, outcome.message, flagMetadata);
  }
}
