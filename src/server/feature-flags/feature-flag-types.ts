/**
 * The two shapes of an `AWS.AppConfig.FeatureFlags` profile: the STORED document you deploy
 * (definitions plus values) and the RETRIEVAL map that GetLatestConfiguration serves.
 * Source: AWS AppConfig User Guide, "Type reference for AWS.AppConfig.FeatureFlags".
 */

/** A value an attribute may hold. Arrays hold only strings or only numbers. */
export type FeatureFlagAttributeValue = string | number | boolean | string[] | number[];

/** `number` constraint: whole-number bounds, inclusive. */
export interface NumberConstraints {
  type: 'number';
  required?: boolean;
  minimum?: number;
  maximum?: number;
}

/** `string` constraint: a regular expression OR an enum, never both. */
export interface StringConstraints {
  type: 'string';
  required?: boolean;
  pattern?: string;
  enum?: Array<string | number>;
}

/** `array` constraint: each element checked against a number or string constraint. */
export interface ArrayConstraints {
  type: 'array';
  required?: boolean;
  elements?: NumberConstraints | StringConstraints;
}

/** `boolean` constraint: only `required`. */
export interface BooleanConstraints {
  type: 'boolean';
  required?: boolean;
}

export type AttributeConstraints =
  NumberConstraints | StringConstraints | ArrayConstraints | BooleanConstraints;

/** Definition of one attribute of a flag. */
export interface FeatureFlagAttributeDefinition {
  description?: string;
  constraints?: AttributeConstraints;
}

/** Definition (metadata) of one flag under `flags`. */
export interface FeatureFlagDefinition {
  name?: string;
  description?: string;
  _createdAt?: string;
  _updatedAt?: string;
  _deprecation?: { status?: 'planned'; date?: string };
  attributes?: Record<string, FeatureFlagAttributeDefinition>;
}

/** Value of one flag under `values`: `enabled` plus attribute values. */
export interface FeatureFlagValue {
  enabled: boolean;
  _createdAt?: string;
  _updatedAt?: string;
  [attribute: string]: FeatureFlagAttributeValue | undefined;
}

/**
 * One variant of a multi-variant flag. Every variant but the last has a `rule`; the last is the
 * default and has none. Source: User Guide "Creating a multi-variant feature flag".
 */
export interface FeatureFlagVariant {
  /** Unique within the flag; served as `_variant`. */
  name: string;
  /** The flag's status when this variant is chosen. */
  enabled: boolean;
  /** Rule selecting this variant (see docs/variants.md); absent on the default (last) variant. */
  rule?: string;
  /** Attribute values of this variant, checked against the flag's attribute constraints. */
  attributeValues?: Record<string, FeatureFlagAttributeValue>;
  _createdAt?: string;
  _updatedAt?: string;
}

/** Value of a multi-variant flag: an ordered list of variants, the default last. */
export interface MultiVariantFlagValue {
  _variants: FeatureFlagVariant[];
  /** Ignored when `_variants` is present (accepted so exported documents deploy). */
  enabled?: boolean;
  _createdAt?: string;
  _updatedAt?: string;
}

/** The stored (deployment-time) document: `{ version: "1", flags, values }`. */
export interface StoredFeatureFlags {
  version: '1';
  flags?: Record<string, FeatureFlagDefinition>;
  values?: Record<string, FeatureFlagValue | MultiVariantFlagValue>;
}

/**
 * One flag as served: `{ enabled, ...attributeValues }`. A multi-variant flag evaluated with a
 * context (the Agent API, or a session started with `Context`) also carries `_variant`, the name
 * of the chosen variant.
 */
export interface RetrievedFeatureFlag {
  enabled: boolean;
  _variant?: string;
  [attribute: string]: FeatureFlagAttributeValue | undefined;
}

/** The retrieval format: a flat map from flag key to flag. */
export type RetrievedFeatureFlags = Record<string, RetrievedFeatureFlag>;
