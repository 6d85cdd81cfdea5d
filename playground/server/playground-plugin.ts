/**
 * The playground's Vite plugins: the AppConfig Data emulator at `/appconfig` through the
 * package's own Vite plugin (`appconfig-react/vite`, the code path an app uses), plus the
 * playground's editing API at `/playground-api` on the same emulator. Both are mounted on Vite's
 * dev server (`npm run playground`) and preview server (`npm run playground:preview`).
 */
import type { Plugin } from 'vite';
import { appConfigEmulator } from '../../src/vite/index.js';
import { createNodeMiddleware } from '../../src/vite/node-middleware.js';
import { EMULATOR_PATH, PLAYGROUND_API_PATH } from '../shared/playground-api-types.js';
import { createPlaygroundApi } from './create-playground-api.js';

/** Options of `playgroundPlugin`. */
export interface PlaygroundPluginOptions {
  /** The data folder the emulator serves and watches. */
  dataDir: string;
  /** See `appConfigEmulator`'s option of that name. Default: off. */
  pollIntervalSeconds?: number;
}

/** The emulator and the playground API, on the dev and preview servers. */
export function playgroundPlugin(options: PlaygroundPluginOptions): Plugin {
  return appConfigEmulator({
    basePath: EMULATOR_PATH,
    data: options.dataDir,
    ...(options.pollIntervalSeconds === undefined
      ? {}
      : { pollIntervalSeconds: options.pollIntervalSeconds }),
    // The editor deploys to the emulator itself: a file is redeployed only when it changes on
    // disk, so a save does not put the other files back over the editor's versions.
    configureEmulator(emulator, server) {
      server.middlewares.use(
        createNodeMiddleware([
          { prefix: PLAYGROUND_API_PATH, handle: createPlaygroundApi(emulator) },
        ]),
      );
    },
  });
}
