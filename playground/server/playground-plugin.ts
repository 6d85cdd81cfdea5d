/**
 * The Vite plugin that makes the playground work without a second process: the AppConfig Data
 * emulator at `/appconfig` and the playground API at `/playground-api`, mounted on Vite's own dev
 * server (`npm run playground`) and preview server (`npm run playground:preview`, for the build).
 */
import type { Server } from 'node:http';
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { EMULATOR_PATH, PLAYGROUND_API_PATH } from '../shared/playground-api-types.js';
import { createPlaygroundApi } from './create-playground-api.js';
import { createPlaygroundEmulator } from './create-playground-emulator.js';
import { createNodeMiddleware } from './node-middleware.js';

/** Options of `playgroundPlugin`. */
export interface PlaygroundPluginOptions {
  /** The data folder the emulator serves and watches. */
  dataDir: string;
}

/** Mounts the emulator and the playground API on the dev and preview servers. */
export function playgroundPlugin(options: PlaygroundPluginOptions): Plugin {
  async function mount(server: ViteDevServer | PreviewServer) {
    const log = (message: string) => server.config.logger.info(message, { timestamp: true });
    const emulator = await createPlaygroundEmulator({ dataDir: options.dataDir, log });
    server.middlewares.use(
      createNodeMiddleware([
        { prefix: EMULATOR_PATH, handle: emulator.handle },
        { prefix: PLAYGROUND_API_PATH, handle: createPlaygroundApi(emulator) },
      ]),
    );
    // Stop watching the data folder with the server (dev: server.close(); preview: its close()).
    (server.httpServer as Server | null)?.once('close', () => emulator.close());
    const printUrls = server.printUrls.bind(server);
    server.printUrls = () => {
      printUrls();
      const base = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
      const info = (line: string) => server.config.logger.info(line);
      info(`  ➜  AppConfig: ${base}${EMULATOR_PATH} (emulator)`);
      info(`  ➜  Data:      ${options.dataDir} (edits are deployed as you save)`);
      for (const d of emulator.describe()) {
        const profile = `${d.application.name}/${d.environment.name}/${d.profile.name}`;
        info(`                ${profile} (${d.profile.type})`);
      }
    };
  }
  return {
    name: 'appconfig-playground',
    configureServer: mount,
    configurePreviewServer: mount,
  };
}
