/**
 * The emulator behind the playground: served under `/appconfig`, loaded from a data folder, and
 * a file is redeployed when it changes (edit data/sample/… and the demo follows at its next poll).
 */
import { createEmulator, type Emulator } from '../../src/server/index.js';
import { deployDataFolder, watchDataFolder } from '../../src/server/node/index.js';
import { EMULATOR_PATH } from '../shared/playground-api-types.js';
import { fileDeploymentsView } from './file-deployments-view.js';

/** Options of `createPlaygroundEmulator`. */
export interface PlaygroundEmulatorOptions {
  /** `<dir>/<Application>/<Environment>/<Profile>.json|.yaml|.yml|.txt`. */
  dataDir: string;
  /** Where messages go (deployments from file edits, refused files). Default `console.log`. */
  log?: (message: string) => void;
}

/** Creates the emulator, deploys the folder and watches it. `emulator.close()` stops watching. */
export async function createPlaygroundEmulator(
  options: PlaygroundEmulatorOptions,
): Promise<Emulator> {
  const log = options.log ?? ((message: string) => console.log(message));
  // Same origin as the page, so no CORS headers are needed.
  const emulator = createEmulator({ basePath: EMULATOR_PATH, cors: false });
  const onError = (file: string, error: Error) =>
    log(`[playground] skipped ${file}: ${error.message}`);
  const files = fileDeploymentsView(emulator);
  await deployDataFolder(files, options.dataDir, { onError });
  watchDataFolder(files, options.dataDir, {
    onError,
    onReload: (outcomes) => {
      for (const outcome of outcomes) {
        if (outcome.status === 'deployed') {
          log(`[playground] deployed ${outcome.file} as version ${outcome.result?.versionNumber}`);
        }
      }
    },
  });
  return emulator;
}
