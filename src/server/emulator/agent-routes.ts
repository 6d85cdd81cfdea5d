/**
 * The AWS AppConfig Agent's HTTP API beside the data plane, as the Agent serves it in local
 * development mode: `GET /applications/{app}/environments/{env}/configurations/{profile}` with
 * names or IDs, `?flag=` (repeatable) for feature-flag profiles, and one `Context: key=value`
 * header per pair for multi-variant flags. Sources: User Guide "Retrieving basic and multi-variant
 * feature flags", the Agent's OpenAPI page, and an observed NoSuchFlag body (docs/variants.md).
 * Reads see the deployed version at once: there is no Agent cache or poll interval in between.
 */
import type { Env, Hono, Schema } from 'hono';
import { BadRequestException, ResourceNotFoundException } from '../../core/errors.js';
import { evaluateFlags } from '../feature-flags/evaluate-flags.js';
import { checkRuleContext, InvalidRuleContextError } from '../rules/check-rule-context.js';
import type { RuleContext } from '../rules/rule-types.js';
import type { SessionVariants } from './session-variants.js';
import type { Store } from './store.js';

/** The Agent's configuration path (Hono pattern). */
export const AGENT_PATH =
  '/applications/:application/environments/:environment/configurations/:profile';

/** Header names of an Agent response. `Version-Label`'s exact name is UNVERIFIED. */
export const AGENT_HEADER = {
  configurationVersion: 'Configuration-Version',
  versionLabel: 'Version-Label',
} as const;

// A Context header holds one pair; several headers reach us joined by ", " (RFC 9110 §5.3), so
// split only where a comma is followed by the next `key=`.
const PAIR_SEPARATOR = /,\s*(?=[A-Za-z_][A-Za-z0-9_]*=)/;

/** Adds the Agent route to `app`. Call it before the data plane's fallbacks. */
export function addAgentRoutes<E extends Env, S extends Schema, B extends string>(
  app: Hono<E, S, B>,
  deps: { store: Store; variants: SessionVariants },
): void {
  app.get(AGENT_PATH, (c) => {
    const params = c.req.param() as Record<string, string>;
    const ref = {
      application: params.application ?? '',
      environment: params.environment ?? '',
      profile: params.profile ?? '',
    };
    return getConfiguration(c.req.raw, ref, deps);
  });
}

function getConfiguration(
  request: Request,
  ref: { application: string; environment: string; profile: string },
  { store, variants }: { store: Store; variants: SessionVariants },
): Response {
  const target = store.resolve({
    ApplicationIdentifier: ref.application,
    EnvironmentIdentifier: ref.environment,
    ConfigurationProfileIdentifier: ref.profile,
  });
  const version = store.deployedVersion(target.environment, target.profile);
  if (!version) {
    throw new ResourceNotFoundException(
      `No configuration of profile ${JSON.stringify(target.profile.name)} is deployed to environment ${JSON.stringify(target.environment.name)}.`,
      { resourceType: 'Configuration', referencedBy: { Configuration: ref.profile } },
    );
  }
  const flags = new URL(request.url).searchParams.getAll('flag');
  const context = readContextHeaders(request.headers);
  const headers = new Headers({
    [AGENT_HEADER.configurationVersion]: String(version.versionNumber),
    'Content-Type': version.contentType,
  });
  if (version.versionLabel) headers.set(AGENT_HEADER.versionLabel, version.versionLabel);

  if (target.profile.type !== 'AWS.AppConfig.FeatureFlags') {
    if (flags.length > 0) {
      throw new BadRequestException(
        `The flag query parameter applies only to feature-flag profiles (AWS.AppConfig.FeatureFlags); ${JSON.stringify(target.profile.name)} is ${target.profile.type}.`,
      );
    }
    return new Response(version.served, { status: 200, headers });
  }

  const evaluated = evaluateFlags(variants.documentOf(version), context);
  if (flags.length === 0) return json(evaluated, headers);
  const missing = [...new Set(flags)].filter((key) => !Object.hasOwn(evaluated, key));
  if (missing.length > 0) return noSuchFlag(missing);
  if (flags.length === 1) return json(evaluated[flags[0]!], headers);
  return json(Object.fromEntries(flags.map((key) => [key, evaluated[key]])), headers);
}

/**
 * The caller's context from its `Context: key=value` headers (values are strings). A key given
 * twice keeps its last value.
 * @throws BadRequestException for a header that is not `key=value`, or a context over the limits.
 */
export function readContextHeaders(headers: Headers): RuleContext {
  const raw = headers.get('context');
  if (raw === null) return {};
  const pairs: Record<string, string> = {};
  for (const part of raw.split(PAIR_SEPARATOR)) {
    const text = part.trim();
    const equals = text.indexOf('=');
    if (equals < 1) {
      throw new BadRequestException(
        `Context header ${JSON.stringify(text)} must be key=value, e.g. "Context: email=jane_doe@example.org" (one header per pair).`,
      );
    }
    pairs[text.slice(0, equals).trim()] = text.slice(equals + 1).trim();
  }
  try {
    return checkRuleContext(pairs, 'Context');
  } catch (error) {
    if (error instanceof InvalidRuleContextError) throw new BadRequestException(error.message);
    throw error;
  }
}

function json(value: unknown, headers: Headers): Response {
  headers.set('Content-Type', 'application/json');
  return new Response(JSON.stringify(value), { status: 200, headers });
}

/** The Agent's answer when `?flag=` names a flag the configuration lacks (status UNVERIFIED). */
function noSuchFlag(keys: readonly string[]): Response {
  const body = {
    Details: { Value: Object.fromEntries(keys.map((key) => [key, { Problem: 'NoSuchFlag' }])) },
    Message: 'Configuration data missing one or more flag values',
    Reason: 'InvalidParameters',
  };
  return new Response(JSON.stringify(body), {
    status: 400,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'BadRequestException' },
  });
}
