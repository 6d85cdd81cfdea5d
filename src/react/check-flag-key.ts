/**
 * A development check of a flag hook's key against the configuration it reads: a key the
 * configuration lacks (a typo, or a profile name given as a flag key) would otherwise answer
 * `defaultValue` in silence.
 */
import { isFeatureFlags } from '../core/flags.js';
import type { ConfigurationData } from '../core/types.js';
import { warnOnce } from '../core/warn-once.js';
import { appConfigQueryKey } from '../query/app-config-query-key.js';
import type { AppConfigContextValue } from './app-config-context.js';

/** Warns once when the configuration has no flag `key`, listing the flags it has. @internal */
export function checkFlagKey(hook: string, context: AppConfigContextValue, key: string): void {
  const { options } = context.client;
  const data = context.queryClient.getQueryData<ConfigurationData>(appConfigQueryKey(options));
  const configuration = data?.configuration;
  if (configuration === undefined) return;
  const where = `${options.application}/${options.environment}/${options.profile}`;
  if (!isFeatureFlags(configuration)) {
    warnOnce(
      `not-flags:${where}`,
      `${hook}("${key}"): ${where} is not a feature-flag profile (its configuration is not ` +
        '{ key: { enabled } }), so every flag answers its default. Read it with useConfiguration, ' +
        'or point the provider at a profile of type AWS.AppConfig.FeatureFlags.',
    );
    return;
  }
  if (Object.hasOwn(configuration, key)) return;
  const known = Object.keys(configuration);
  warnOnce(
    `flag:${where}:${key}`,
    `${hook}("${key}"): ${where} has no flag "${key}", so it answers its default value. ` +
      (known.length
        ? `Its flags: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}.`
        : 'It has no flags yet.') +
      (key === options.profile || /^[A-Z]/.test(key)
        ? ' Flag keys start with a lower-case letter; is this a profile name?'
        : ''),
  );
}
