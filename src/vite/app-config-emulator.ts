/**
 * `appConfigEmulator()`: the AppConfig Data emulator inside the app's own Vite dev server (and
 * preview server), so `endpoint="/appconfig"` works in development with no second process and no
 * CORS. It serves a data folder of the app and redeploys a file when it is saved.
 */
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { InvalidOptionsError } from '../core/index.js';
import type { Emulator } from '../server/emulator/types.js';
import { checkPollIntervalOption } from '../server/emulator/poll-interval-option.js';
import { normaliseBasePath } from '../server/shared/base-path.js';
import { createFolderEmulator } from './create-folder-emulator.js';
import { createNodeMiddleware } from './node-middleware.js';

/** Options of `appConfigEmulator`. */
export interface AppConfigEmulatorOptions {
  /**
   * Path the emulator answers under on the dev and preview servers: give the provider
   * `endpoint={basePath}`. Not the root, where the app's pages live. Default `'/appconfig'`.
   */
  basePath?: string;
  /**
   * Data folder, `<data>/<Application>/<Environment>/<Profile>.json|.yaml|.yml|.txt`, relative to
   * Vite's `root` (the layout:
   * https://github.com/appconfig-react/appconfig-react/blob/main/docs/emulator.md#data-folders). Saved files are deployed at once and the
   * page sees them at its next poll. Default `'./appconfig-data'`.
   */
  data?: string;
  /**
   * Development shortcut, a deviation from the live service: the `Next-Poll-Interval-In-Seconds`
   * the emulator tells every session (and the client follows), so a saved file reaches the page
   * within about this many seconds. Whole seconds, 1 to 15. Default: off (the interval the
   * provider asked for with `requiredMinimumPollIntervalInSeconds`, else AppConfig's 60 s).
   */
  pollIntervalSeconds?: number;
  /**
   * Called with each emulator the plugin creates (one per dev or preview server), once the folder
   * is deployed: deploy from code, inject faults, mount more middleware on `server`.
   */
  configureEmulator?: (emulator: Emulator, server: ViteDevServer | PreviewServer) => void;
}

const NAME = 'appconfig-react:emulator';

function checkBasePath(value: unknown): string {
  const normalised = typeof value === 'string' ? normaliseBasePath(value) : '';
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(normalised)) {
    throw new InvalidOptionsError(
      'basePath',
      `appConfigEmulator: basePath must be a path like '/appconfig' (letters, digits, . _ ~ -; not ` +
        `the root, where the app's pages are served); got ${JSON.stringify(value)}.`,
    );
  }
  return normalised;
}

/**
 * A Vite plugin that mounts the AppConfig Data emulator at `basePath` on the dev server
 * (`vite`) and the preview server (`vite preview`), on the app's data folder, with hot reload and
 * a log line per deployment.
 * @throws InvalidOptionsError for a bad option (named in `field`).
 */
export function appConfigEmulator(options: AppConfigEmulatorOptions = {}): Plugin {
  const basePath = checkBasePath(options.basePath ?? '/appconfig');
  const data = options.data ?? './appconfig-data';
  if (typeof data !== 'string' || data.trim() === '') {
    throw new InvalidOptionsError(
      'data',
      `appConfigEmulator: data must be the path of a folder; got ${JSON.stringify(data)}.`,
    );
  }

  const pollIntervalSeconds =
    options.pollIntervalSeconds === undefined
      ? undefined
      : checkPollIntervalOption(options.pollIntervalSeconds, 'appConfigEmulator');

  async function mount(server: ViteDevServer | PreviewServer): Promise<void> {
    const { logger, root } = server.config;
    const dataDir = resolve(root, data);
    const emulator = await createFolderEmulator({
      dataDir,
      basePath,
      emulator: pollIntervalSeconds === undefined ? {} : { pollIntervalSeconds },
      logger: {
        info: (message) => logger.info(message, { timestamp: true }),
        warn: (message) => logger.warn(message, { timestamp: true }),
      },
    });
    server.middlewares.use(createNodeMiddleware([{ prefix: basePath, handle: emulator.handle }]));
    // Stop watching the folder with the server: its HTTP server's close, or in middleware mode
    // (no HTTP server of its own) its close().
    (server.httpServer as Server | null)?.once('close', () => emulator.close());
    const close = server.close.bind(server);
    server.close = async () => {
      emulator.close();
      await close();
    };
    options.configureEmulator?.(emulator, server);

    const printUrls = server.printUrls.bind(server);
    server.printUrls = () => {
      printUrls();
      const base = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
      logger.info(`  ➜  AppConfig: ${base}${basePath} (emulator; data: ${dataDir})`);
      if (pollIntervalSeconds !== undefined) {
        logger.info(
          `               polls every ${pollIntervalSeconds} s (pollIntervalSeconds; AWS AppConfig answers 15 s at least)`,
        );
      }
      for (const d of emulator.describe()) {
        logger.info(
          `               ${d.application.name}/${d.environment.name}/${d.profile.name} (${d.profile.type}, version ${d.versionNumber})`,
        );
      }
    };
  }

  return { name: NAME, configureServer: mount, configurePreviewServer: mount };
}
