/**
 * An emulator serving a data folder, redeploying a file when it changes on disk, and saying so:
 * one line per deployment, one warning per refused or unreadable file (with the reason). Used by
 * the Vite plugin for each dev or preview server.
 */
import { existsSync } from 'node:fs';
import { createEmulator } from '../server/emulator/create-emulator.js';
import type { Emulator, EmulatorOptions } from '../server/emulator/types.js';
import { deployDataFolder, type DataFileOutcome } from '../server/node/deploy-data-folder.js';
import { refusalMessage } from '../server/node/refusal-message.js';
import { watchDataFolder } from '../server/node/watch-data-folder.js';
import { fileDeploymentsView } from './file-deployments-view.js';

/** Where the emulator's messages go (Vite's logger fits). */
export interface FolderEmulatorLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Options of `createFolderEmulator`. */
export interface FolderEmulatorOptions {
  /** Absolute path of `<dir>/<Application>/<Environment>/<Profile>.json|.yaml|.yml|.txt`. */
  dataDir: string;
  /** Normalised base path, e.g. `/appconfig`. */
  basePath: string;
  logger: FolderEmulatorLogger;
  /** Other emulator options (e.g. the poll interval). */
  emulator?: Omit<EmulatorOptions, 'basePath' | 'cors' | 'data'>;
}

const PREFIX = '[appconfig]';

/** Creates the emulator, deploys the folder and watches it; `emulator.close()` stops watching. */
export async function createFolderEmulator(options: FolderEmulatorOptions): Promise<Emulator> {
  const { dataDir, logger } = options;
  // Same origin as the app's pages, so no CORS headers are needed.
  const emulator = createEmulator({ ...options.emulator, basePath: options.basePath, cors: false });
  if (!existsSync(dataDir)) {
    logger.warn(
      `${PREFIX} data folder not found: ${dataDir}. Create <Application>/<Environment>/<Profile>.json ` +
        'files in it (or copy the sample: cp -r node_modules/appconfig-react/data/sample ' +
        `${dataDir}) and restart the server. Until then every profile answers 404.`,
    );
    return emulator;
  }
  const onError = (file: string, error: Error) =>
    logger.warn(`${PREFIX} ${refusalMessage(emulator, file, error)}`);
  const onReload = (outcomes: DataFileOutcome[]) => {
    for (const outcome of outcomes) {
      if (outcome.status === 'deployed') {
        logger.info(
          `${PREFIX} deployed ${outcome.file} as version ${outcome.result?.versionNumber}`,
        );
      }
    }
  };
  const files = fileDeploymentsView(emulator);
  await deployDataFolder(files, dataDir, { onError });
  watchDataFolder(files, dataDir, { onError, onReload });
  return emulator;
}
