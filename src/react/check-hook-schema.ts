/**
 * A hook's own schema over the configuration, remembered per client and schema object: every
 * hook with that schema shares one validation per configuration, and a configuration the schema
 * refuses leaves the last accepted value in place, with the refusal as the error.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { checkWithSchemaSync, describeIssues } from '../core/check-with-schema.js';
import { InvalidOptionsError, type ConfigurationDecodeError } from '../core/errors.js';
import { refusedConfiguration } from '../core/refused-configuration.js';
import type { AppConfigSessionClient, ConfigurationData } from '../core/types.js';

/** The hook's view of the configuration. @internal */
export interface HookSchemaResult {
  /** The data the schema last accepted, with the schema's output as its configuration. */
  data: ConfigurationData | undefined;
  /** Set when the current configuration was refused. */
  error: ConfigurationDecodeError | undefined;
}

interface SchemaState {
  /** The configuration last checked, by identity, and the schema's output or refusal of it. */
  input: unknown;
  output: { value: unknown } | { error: ConfigurationDecodeError };
  /** The data the schema last accepted. */
  good: ConfigurationData | undefined;
}

const NOTHING: HookSchemaResult = { data: undefined, error: undefined };

const states = new WeakMap<AppConfigSessionClient, WeakMap<StandardSchemaV1, SchemaState>>();

/** Validates the data's configuration with `schema`, once per configuration. @internal */
export function checkHookSchema(
  client: AppConfigSessionClient,
  schema: StandardSchemaV1,
  data: ConfigurationData | undefined,
  hook: string,
): HookSchemaResult {
  const input = data?.configuration;
  if (!data || input === undefined) return NOTHING;
  let bySchema = states.get(client);
  if (!bySchema) states.set(client, (bySchema = new WeakMap()));
  let state = bySchema.get(schema);
  if (!state || state.input !== input) {
    const checked = checkWithSchemaSync(schema, input);
    if (!checked) {
      throw new InvalidOptionsError(
        'schema',
        `${hook}({ schema }) needs a synchronous validator, and this one answered with a Promise. ` +
          'Pass asynchronous schemas to <AppConfigProvider schema={…}> instead: the client validates before storing.',
      );
    }
    const good = state?.good;
    const output = checked.issues
      ? {
          error: refusedConfiguration(
            `does not match the schema given to ${hook}: ${describeIssues(checked.issues)}`,
            {
              contentType: data.contentType ?? 'application/octet-stream',
              versionLabel: data.versionLabel,
              issues: checked.issues,
            },
            undefined,
            good ? 'The last good value is kept.' : 'No earlier value passed it.',
          ),
        }
      : { value: checked.value };
    state = { input, output, good };
    bySchema.set(schema, state);
  }
  if ('error' in state.output) return { data: state.good, error: state.output.error };
  // The same output for the same configuration; the metadata follows the data (a new source).
  state.good = { ...data, configuration: state.output.value };
  return { data: state.good, error: undefined };
}
