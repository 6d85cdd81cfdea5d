/**
 * The playground's Vite configuration, as a function so the end-to-end test can start the same
 * server in process with its own data folder and port.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { InlineConfig } from 'vite';
import { playgroundPlugin } from './server/playground-plugin.js';

/** Options of `createPlaygroundConfig`. */
export interface PlaygroundConfigOptions {
  /** Data folder the emulator serves. Default: `PLAYGROUND_DATA`, else the repository's data/sample. */
  dataDir?: string;
  /** Port. Default: `PORT`, else 5173 (the next free one if it is taken). 0 picks a free one. */
  port?: number;
  /** Interface. Default 127.0.0.1: nothing is reachable from other machines (`-- --host` changes it). */
  host?: string;
  /**
   * The emulator's development poll interval (`appConfigEmulator({ pollIntervalSeconds })`), for
   * tests that should not wait 15 s per poll. Default: off, AppConfig's own 15 s.
   */
  pollIntervalSeconds?: number;
}

const root = fileURLToPath(new URL('.', import.meta.url));

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 5173;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer from 0 to 65535; got "${value}".`);
  }
  return port;
}

/** The playground's dev, build and preview configuration. */
export function createPlaygroundConfig(options: PlaygroundConfigOptions = {}): InlineConfig {
  const dataDir =
    options.dataDir ??
    process.env.PLAYGROUND_DATA ??
    fileURLToPath(new URL('../data/sample', import.meta.url));
  const port = options.port ?? portFromEnv(process.env.PORT);
  const host = options.host ?? '127.0.0.1';
  return {
    root,
    // Pre-bundled up front: a dependency found later (YAML is imported lazily by the client)
    // would make Vite optimise again and reload the page in the middle of a demo or a test.
    optimizeDeps: {
      include: [
        'react',
        'react/jsx-runtime',
        'react/jsx-dev-runtime',
        'react-dom/client',
        '@tanstack/react-query',
        'yaml',
        'zod',
      ],
    },
    plugins: [
      react(),
      playgroundPlugin(
        options.pollIntervalSeconds === undefined
          ? { dataDir }
          : { dataDir, pollIntervalSeconds: options.pollIntervalSeconds },
      ),
    ],
    server: { host, port },
    preview: { host, port },
    build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
    clearScreen: false,
  };
}
