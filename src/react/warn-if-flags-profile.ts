/**
 * A development check for `useConfiguration({ schema })` pointed at a feature-flag profile: its
 * free-form schema refuses every configuration, and the hook only ever reports the refusal.
 */
import { isFeatureFlags } from '../core/flags.js';
import type { AppConfigSessionClient, ConfigurationData } from '../core/types.js';
import { warnOnce } from '../core/warn-once.js';

/** Warns once when a refused configuration is in the feature-flag format. @internal */
export function warnIfFlagsProfile(
  hook: string,
  client: AppConfigSessionClient,
  data: ConfigurationData | undefined,
): void {
  if (!isFeatureFlags(data?.configuration)) return;
  const { application, environment, profile } = client.options;
  const where = `${application}/${environment}/${profile}`;
  warnOnce(
    `schema-on-flags:${where}`,
    `${hook}({ schema }): ${where} is a feature-flag profile, and the schema refused its flags. ` +
      'Read flags with useFlag / useFlags, or give this hook a provider of a free-form profile ' +
      '(<AppConfigProvider name="settings" profile="…"> and { provider: "settings" }).',
  );
}
