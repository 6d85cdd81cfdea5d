/**
 * `appconfig-react/server`: web-standard handlers that speak the AWS AppConfig Data API.
 * Runtime-neutral (no `node:*`); the Node adapter and CLI live in `appconfig-react/server/node`.
 */
export { createEmulator } from './emulator/create-emulator.js';
export type {
  ConfigurationRef,
  DeployInput,
  DeployResult,
  DeployedConfiguration,
  DeploymentSummary,
  Emulator,
  EmulatorData,
  EmulatorOptions,
  ProfileType,
} from './emulator/types.js';
export type {
  ActiveFault,
  FaultController,
  FaultKind,
  FaultOperation,
  FaultSpec,
} from './emulator/faults.js';
export type { LoggedOperation, RequestLogEntry } from './emulator/request-log.js';
export type { CorsOptions } from './emulator/cors.js';
export type { Timers } from './emulator/effects.js';
export { MAX_REQUEST_BODY_BYTES } from './shared/read-json-body.js';
export { errorToResponse } from './shared/error-to-response.js';
export { EXPOSED_HEADERS, PATH } from './shared/wire-names.js';
export type { SignatureRequirement, SigningCredentials } from './emulator/verify-signature.js';

export { FeatureFlagValidationError } from './feature-flags/feature-flag-validation-error.js';
export type { FeatureFlagIssue } from './feature-flags/feature-flag-validation-error.js';
export {
  isFeatureFlagDocument,
  parseFeatureFlags,
  validateFeatureFlags,
} from './feature-flags/parse-feature-flags.js';
export { toRetrievalFormat } from './feature-flags/to-retrieval-format.js';
export { evaluateFlags, hasVariants } from './feature-flags/evaluate-flags.js';
export { FLAG_KEY_PATTERN } from './feature-flags/feature-flag-schema.js';
export type {
  ArrayConstraints,
  AttributeConstraints,
  BooleanConstraints,
  FeatureFlagAttributeDefinition,
  FeatureFlagAttributeValue,
  FeatureFlagDefinition,
  FeatureFlagValue,
  FeatureFlagVariant,
  MultiVariantFlagValue,
  NumberConstraints,
  RetrievedFeatureFlag,
  RetrievedFeatureFlags,
  StoredFeatureFlags,
  StringConstraints,
} from './feature-flags/feature-flag-types.js';

export { parseRule, MAX_RULE_DEPTH, MAX_RULE_LENGTH } from './rules/parse-rule.js';
export { evaluateRule } from './rules/evaluate-rule.js';
export type { EvaluateRuleOptions } from './rules/evaluate-rule.js';
export { RuleSyntaxError } from './rules/rule-syntax-error.js';
export {
  InvalidRuleContextError,
  MAX_CONTEXT_KEYS,
  MAX_CONTEXT_KEY_LENGTH,
  MAX_CONTEXT_VALUE_LENGTH,
  checkRuleContext,
} from './rules/check-rule-context.js';
export { splitBucket } from './rules/split-bucket.js';
export { RULE_OPERATORS } from './rules/rule-types.js';
export type {
  RuleContext,
  RuleContextValue,
  RuleExpression,
  RuleOperator,
} from './rules/rule-types.js';

export { createProxy } from './proxy/create-proxy.js';
export { accessDenied, unauthorized } from './proxy/authorize-request.js';
export type {
  AllowedConfiguration,
  AppConfigProxy,
  AuthorizeResult,
  AwsCredentials,
  ConfigurationTriple,
  ProxyCorsOptions,
  ProxyLogEvent,
  ProxyMetrics,
  ProxyMode,
  ProxyOperation,
  ProxyOptions,
  ProxyRequestInfo,
  RateLimitOptions,
  UpstreamClient,
} from './proxy/types.js';
