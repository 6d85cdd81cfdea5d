/**
 * A hook's own schema over the client's configuration, remembered per client and schema object:
 * every hook with that schema shares one validation per configuration, and a configuration the
 * schema refuses leaves the last accepted value in place, with the refusal as the error.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { checkWithSchemaSync, describeIssues } from '../core/check-with-schema.js';
import { InvalidOptionsError, type ConfigurationDecodeError } from '../core/errors.js';
import { refusedConfiguration } from '../core/refused-configuration.js';
import type { AppConfigClient, AppConfigSnapshot, ConfigurationSource } from '../core/types.js';

/** The hook's view of the configuration. @internal */
export interface HookSchemaResult {
  /** The last configuration the schema accepted, as its output. */
  value: unknown;
  versionLabel: string | undefined;
  source: ConfigurationSource | undefined;
  fetchedAt: number | undefined;
  /** Set when the current configuration was refused. */
  error: ConfigurationDecodeError | undefined;
}

interface SchemaState {
  /** The configuration last checked, by identity. */
  input: unknown;
  result: HookSchemaResult;
  good: HookSchemaResult | undefined;
}

const NOTHING: HookSchemaResult = {
  value: undefined,
  versionLabel: undefined,
  source: undefined,
  fetchedAt: undefined,
  error: undefined,
};

const states = new WeakMap<AppConfigClient<unknown>, WeakMap<StandardSchemaV1, SchemaState>>();

/** Validates the snapshot's configuration with `schema`, once per configuration. @internal */
export function checkHookSchema(
  client: AppConfigClient<unknown>,
  schema: StandardSchemaV1,
  snapshot: AppConfigSnapshot<unknown>,
  hook: string,
): HookSchemaResult {
  const input = snapshot.configuration;
  if (input === undefined) return NOTHING;
  let bySchema = states.get(client);
  if (!bySchema) states.set(client, (bySchema = new WeakMap()));
  const state = bySchema.get(schema);
  if (state && state.input === input) return state.result;

  const checked = checkWithSchemaSync(schema, input);
  if (!checked) {
    throw new InvalidOptionsError(
      'schema',
      `${hook}({ schema }) needs a synchronous validator, and this one answered with a Promise. ` +
        'Pass asynchronous schemas to <AppConfigProvider schema={…}> instead: the client validates before storing.',
    );
  }
  const meta = {
    versionLabel: snapshot.versionLabel,
    source: snapshot.source,
    fetchedAt: snapshot.fetchedAt,
  };
  let result: HookSchemaResult;
  let good = state?.good;
  if (!checked.issues) {
    result = good = { value: checked.value, ...meta, error: undefined };
  } else {
    const error = refusedConfiguration(
      `does not match the schema given to ${hook}: ${describeIssues(checked.issues)}`,
      {
        contentType: snapshot.contentType ?? 'application/octet-stream',
        versionLabel: snapshot.versionLabel,
        issues: checked.issues,
      },
      undefined,
      good ? 'The last good value is kept.' : 'No earlier value passed it.',
    );
    result = { ...(good ?? NOTHING), error };
  }
  bySchema.set(schema, { input, result, good });
  return result;
}
