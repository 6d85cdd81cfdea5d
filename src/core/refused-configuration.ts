/**
 * The error of a configuration that arrived but cannot be used (it does not decode, or a schema
 * refused it): one message shape, naming the version when there is one and what happens next.
 */
import { ConfigurationDecodeError, type SchemaIssue } from './errors.js';

/** `The configuration "v2" <problem>. <outcome>` as a `ConfigurationDecodeError`. */
export function refusedConfiguration(
  problem: string,
  fields: { contentType: string; versionLabel?: string; issues?: SchemaIssue[] },
  options?: ErrorOptions,
  // What follows for the app: said in development builds; production messages stop at the problem.
  outcome = process.env.NODE_ENV !== 'production' ? 'The last good configuration is kept.' : '',
): ConfigurationDecodeError {
  const { versionLabel } = fields;
  return new ConfigurationDecodeError(
    `The configuration${versionLabel ? ` "${versionLabel}"` : ''} ${problem}.${outcome && ` ${outcome}`}`,
    fields,
    options,
  );
}
