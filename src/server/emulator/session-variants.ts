/**
 * The emulator's extension for multi-variant flags on the data plane (docs/variants.md): a
 * StartConfigurationSession body may carry `"Context": { key: value }`; such a session is served
 * its feature flags evaluated with that context, `_variant` included, as the AppConfig Agent
 * serves them. Sessions without `Context` get what SDK callers get: default variants only.
 * Kept apart from sessions and store so the emulator's internals can change around it.
 */
import { BadRequestException } from '../../core/errors.js';
import { evaluateFlags } from '../feature-flags/evaluate-flags.js';
import type { StoredFeatureFlags } from '../feature-flags/feature-flag-types.js';
import { checkRuleContext, InvalidRuleContextError } from '../rules/check-rule-context.js';
import type { RuleContext } from '../rules/rule-types.js';
import type { HostedVersion, Target } from './store.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Reads the optional `Context` member of a StartConfigurationSession body. @throws BadRequestException */
export function readSessionContext(body: Record<string, unknown>): RuleContext | undefined {
  const input = body.Context;
  if (input === undefined || input === null) return undefined; // restJson1: null is "not set"
  try {
    return checkRuleContext(input, 'Context');
  } catch (error) {
    if (error instanceof InvalidRuleContextError) throw new BadRequestException(error.message);
    throw error;
  }
}

/** Per-emulator memory of session contexts and parsed flag documents. */
export function createSessionVariants() {
  const contexts = new WeakMap<object, RuleContext>();
  const documents = new WeakMap<Uint8Array, StoredFeatureFlags>();

  /** The stored document of a feature-flag version (validated at deploy), parsed once. */
  function documentOf(version: HostedVersion): StoredFeatureFlags {
    let document = documents.get(version.stored);
    if (!document) {
      document = JSON.parse(decoder.decode(version.stored)) as StoredFeatureFlags;
      documents.set(version.stored, document);
    }
    return document;
  }

  return {
    documentOf,

    /** Remembers the context a session was started with. */
    remember(session: object, context: RuleContext | undefined): void {
      if (context) contexts.set(session, context);
    },

    /** The body GetLatestConfiguration sends `session` for `version`. */
    bodyFor(session: { target: Target }, version: HostedVersion): Uint8Array<ArrayBuffer> {
      const context = contexts.get(session);
      if (!context || session.target.profile.type !== 'AWS.AppConfig.FeatureFlags') {
        return version.served;
      }
      return encoder.encode(JSON.stringify(evaluateFlags(documentOf(version), context)));
    },
  };
}

/** The type of `createSessionVariants()`. */
export type SessionVariants = ReturnType<typeof createSessionVariants>;
