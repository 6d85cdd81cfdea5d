/**
 * Checks a deploy input the way AppConfig's control plane would (names, label, content type,
 * content) and turns the content into the stored and served bytes. Nothing is created here, so a
 * refused deployment leaves the emulator unchanged.
 */
import { parseAllDocuments } from 'yaml';
import { decodingOf } from '../../core/decode.js';
import { InvalidOptionsError } from '../../core/errors.js';
import { parseFeatureFlags } from '../feature-flags/parse-feature-flags.js';
import { toRetrievalFormat } from '../feature-flags/to-retrieval-format.js';
import { FeatureFlagValidationError } from '../feature-flags/feature-flag-validation-error.js';
import type { HostedVersion } from './store.js';
import type { DeployInput, ProfileType } from './types.js';

/** Length of application, environment and profile names (AppConfig `CreateApplication` etc.). */
export const NAME_LENGTH = { min: 1, max: 64 } as const;
/** `VersionLabel` of a hosted version: 1–64 characters, at least one of them not a digit. */
export const VERSION_LABEL_LENGTH = { min: 1, max: 64 } as const;
/** `ContentType` of a hosted version: at most 255 characters. */
export const CONTENT_TYPE_MAX_LENGTH = 255;

const PROFILE_TYPES: readonly ProfileType[] = ['AWS.Freeform', 'AWS.AppConfig.FeatureFlags'];
// A MIME type with optional parameters; it goes into a header, so no control characters.
const CONTENT_TYPE_PATTERN = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;[\x20-\x7e]*)?$/;
// The label is sent in the Version-Label header: visible ASCII and inner spaces only.
const LABEL_PATTERN = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

const encoder = new TextEncoder();

/** Refuses a bad name, label, type or content type with an error naming the field and limit. */
export function checkDeployInput(input: DeployInput): void {
  for (const field of ['application', 'environment', 'profile'] as const) {
    const value: unknown = input[field];
    if (
      typeof value !== 'string' ||
      value.length < NAME_LENGTH.min ||
      value.length > NAME_LENGTH.max
    ) {
      throw new InvalidOptionsError(
        field,
        `${field} must be a name of ${NAME_LENGTH.min} to ${NAME_LENGTH.max} characters.`,
      );
    }
  }
  const label = input.versionLabel;
  if (label !== undefined) {
    const fits =
      typeof label === 'string' &&
      label.length <= VERSION_LABEL_LENGTH.max &&
      LABEL_PATTERN.test(label);
    if (!fits || /^\d+$/.test(label)) {
      throw new InvalidOptionsError(
        'versionLabel',
        `versionLabel must be ${VERSION_LABEL_LENGTH.min} to ${VERSION_LABEL_LENGTH.max} visible ASCII characters (inner spaces allowed), not all digits, e.g. "v1.2.0".`,
      );
    }
  }
  if (input.type !== undefined && !PROFILE_TYPES.includes(input.type)) {
    throw new InvalidOptionsError(
      'type',
      `type must be ${PROFILE_TYPES.map((t) => `"${t}"`).join(' or ')}.`,
    );
  }
  const contentType = input.contentType;
  if (contentType !== undefined) {
    const fits = typeof contentType === 'string' && contentType.length <= CONTENT_TYPE_MAX_LENGTH;
    if (!fits || !CONTENT_TYPE_PATTERN.test(contentType)) {
      throw new InvalidOptionsError(
        'contentType',
        `contentType must be a MIME type such as "application/json", at most ${CONTENT_TYPE_MAX_LENGTH} characters.`,
      );
    }
  }
}

// One set of media-type rules for the client and the emulator: a body the emulator checks as
// JSON or YAML is exactly one the client decodes as such.
const isJsonContentType = (contentType: string) => decodingOf(contentType) === 'json';
const isYamlContentType = (contentType: string) => decodingOf(contentType) === 'yaml';

/** The version to store for `input` (already checked), whose profile has type `type`. */
export function prepareVersion(
  input: DeployInput,
  type: ProfileType,
): Omit<HostedVersion, 'versionNumber'> {
  const contentType = input.contentType ?? 'application/json';
  const base = { versionLabel: input.versionLabel, contentType };
  if (type === 'AWS.AppConfig.FeatureFlags') {
    if (!isJsonContentType(contentType)) {
      throw new InvalidOptionsError(
        'contentType',
        `A feature-flag profile holds JSON; contentType must be "application/json", not "${contentType}".`,
      );
    }
    const stored = toBytes(input.content);
    const doc = parseFeatureFlags(
      readJson(stored, (message) => new FeatureFlagValidationError([{ path: '(root)', message }])),
    );
    return { ...base, stored, served: encoder.encode(JSON.stringify(toRetrievalFormat(doc))) };
  }
  if (!isPlainContent(input.content) && !isJsonContentType(contentType)) {
    throw new InvalidOptionsError(
      'content',
      `An object is deployed as JSON; its contentType must be JSON, not "${contentType}".`,
    );
  }
  const stored = toBytes(input.content);
  if (isJsonContentType(contentType)) {
    readJson(
      stored,
      (message) =>
        new InvalidOptionsError('content', `content is declared ${contentType} but ${message}.`),
    );
  } else if (isYamlContentType(contentType)) {
    checkYaml(stored, contentType);
  }
  return { ...base, stored, served: stored };
}

function isPlainContent(content: unknown): boolean {
  return typeof content === 'string' || content instanceof Uint8Array;
}

function toBytes(content: unknown): Uint8Array<ArrayBuffer> {
  if (typeof content === 'string') return encoder.encode(content);
  if (content instanceof Uint8Array) return new Uint8Array(content); // a copy: the caller may reuse it
  if (typeof content === 'object' && content !== null) {
    let json: string | undefined;
    try {
      json = JSON.stringify(content);
    } catch (error) {
      throw new InvalidOptionsError(
        'content',
        `content cannot be serialised as JSON: ${(error as Error).message}`,
      );
    }
    if (json !== undefined) return encoder.encode(json);
  }
  throw new InvalidOptionsError(
    'content',
    'content must be a string, a Uint8Array or an object (deployed as JSON).',
  );
}

function decodeUtf8(bytes: Uint8Array, fail: (message: string) => Error): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fail('it is not valid UTF-8');
  }
}

function readJson(bytes: Uint8Array, fail: (message: string) => Error): unknown {
  const text = decodeUtf8(bytes, fail);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fail(`it is not valid JSON (${(error as Error).message})`);
  }
}

function checkYaml(bytes: Uint8Array, contentType: string): void {
  const fail = (message: string) =>
    new InvalidOptionsError('content', `content is declared ${contentType} but ${message}.`);
  const text = decodeUtf8(bytes, fail);
  const documents = parseAllDocuments(text);
  // One document, as the client and the data-folder loader read it (yaml's `parse`): a stream of
  // several would deploy here and then be refused by every client.
  if (Array.isArray(documents) && documents.length > 1) {
    throw fail(
      `it holds ${documents.length} YAML documents (---); a configuration is one document`,
    );
  }
  // Duplicate keys count as errors.
  for (const document of documents) {
    const first = document.errors[0];
    if (first) throw fail(`it is not valid YAML (${first.message.split('\n')[0]})`);
  }
}
