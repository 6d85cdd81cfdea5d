/**
 * `deployDataFolder` / `watchDataFolder` redeploy every file whose content differs from what is
 * deployed. In the playground the editor deploys too, so saving one file would put every other
 * file back over the editor's changes. Through this view of the emulator, `deployed()` answers
 * with the version last deployed FROM A FILE: a file is redeployed only when it changed on disk.
 */
import type { ConfigurationRef, DeployedConfiguration, Emulator } from '../../src/server/index.js';

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
