/**
 * `deployDataFolder` / `watchDataFolder` redeploy every file whose content differs from what is
 * deployed. When code deploys too (the playground's editor, a `configureEmulator` hook), saving
 * one file would put every other file back over those deployments. Through this view of the
 * emulator, `deployed()` answers with the version last deployed FROM A FILE: a file is redeployed
 * only when it changed on disk.
 */
import type { ConfigurationRef, DeployedConfiguration, Emulator } from '../server/index.js';

/** The emulator as the data-folder functions should see it (see above). */
export function fileDeploymentsView(emulator: Emulator): Emulator {
  const fromFiles = new Map<string, DeployedConfiguration>();
  const key = (ref: ConfigurationRef) =>
    JSON.stringify([ref.application, ref.environment, ref.profile]);
  return {
    ...emulator,
    deploy(input) {
      const result = emulator.deploy(input);
      const deployed = emulator.deployed(input);
      if (deployed) fromFiles.set(key(input), deployed);
      return result;
    },
    deployed: (ref) => fromFiles.get(key(ref)),
  };
}
