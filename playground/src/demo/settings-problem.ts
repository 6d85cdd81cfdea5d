/**
 * What the demo says about the Settings profile's last failure, honestly: a configuration the
 * schema refused is a refusal (with the schema's message); a failed poll (throttling, a 500, a
 * dropped connection) is passing and retried, and the settings shown are simply the last ones.
 */
import { ConfigurationDecodeError } from '../../../src/react/index.js';

export interface SettingsProblem {
  /** `refused`: a configuration arrived and was not used; `retrying`: a poll failed. */
  kind: 'refused' | 'retrying' | 'stopped';
  text: string;
}

export function settingsProblem(
  error: Error | undefined,
  stopped: boolean,
  hasSettings: boolean,
): SettingsProblem | undefined {
  if (!error) return undefined;
  const kept = hasSettings ? 'showing the last good settings' : 'no settings to show yet';
  if (error instanceof ConfigurationDecodeError) {
    return { kind: 'refused', text: `Settings refused: ${error.message}` };
  }
  if (stopped) {
    return {
      kind: 'stopped',
      text: `Settings stopped (${error.name}: ${error.message}); ${kept}.`,
    };
  }
  return {
    kind: 'retrying',
    text: `The last Settings poll failed (${error.name}); retrying, ${kept}.`,
  };
}
