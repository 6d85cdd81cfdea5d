/**
 * The AppConfig Data API this app serves at /appconfig (server only). Here it is the emulator of
 * appconfig-react over the files in `appconfig-data/` (or `APPCONFIG_DATA_DIR`), redeployed when
 * a file changes: no AWS account needed. In front of real AWS AppConfig, return
 * `createProxy({ ... })` from `appconfig-react/server` instead: it has the same `handle` and
 * `fetch`, so nothing else changes.
 *
 * One instance per server process, kept on `globalThis`: Next.js may load this module once per
 * route bundle, and the route handler, the pages and the Flags SDK must share one emulator.
 */
import { join } from 'node:path';
import { createEmulator, type Emulator } from 'appconfig-react/server';
import { deployDataFolder, watchDataFolder } from 'appconfig-react/server/node';

const slot = globalThis as typeof globalThis & { appConfigService?: Promise<Emulator> };

/**
 * Development only: the poll interval the emulator announces to every session, in seconds, so an
 * edited file shows within that time (AppConfig itself answers 15 s at the least, 60 s by default).
 */
const DEV_POLL_INTERVAL_SECONDS = 2;

async function start(): Promise<Emulator> {
  const dataDir = process.env.APPCONFIG_DATA_DIR || join(process.cwd(), 'appconfig-data');
  const emulator = createEmulator({
    basePath: '/appconfig',
    cors: false, // same origin only: the browser calls /appconfig on this app
    pollIntervalSeconds: DEV_POLL_INTERVAL_SECONDS,
    // Hold every session to that interval: a poll sent early is refused ("Request too early").
    enforcePollInterval: 'always',
  });
  await deployDataFolder(emulator, dataDir);
  watchDataFolder(emulator, dataDir);
  return emulator;
}

/** The service, started on first use (not while `next build` loads the module). */
export function appConfigService(): Promise<Emulator> {
  slot.appConfigService ??= start().catch((error: unknown) => {
    slot.appConfigService = undefined; // try again on the next request
    throw error;
  });
  return slot.appConfigService;
}

/**
 * The endpoint server code gives `prefetchAppConfig` and the OpenFeature provider. Never
 * resolved: `appConfigFetch` hands each request to the service in process (no socket, no
 * round trip through this app's own HTTP server).
 */
export const SERVER_ENDPOINT = 'http://appconfig.internal/appconfig';

/** A `fetch` that calls the service in process. */
export const appConfigFetch: typeof fetch = async (input, init) =>
  (await appConfigService()).fetch(input, init);
