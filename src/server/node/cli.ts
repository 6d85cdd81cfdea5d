#!/usr/bin/env node
/**
 * The `appconfig-react` command. `main(argv)` does the work and returns instead of exiting, so tests
 * run it in process; the last lines run it when this file is the program's entry point.
 */
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Emulator } from '../emulator/types.js';
import type { AppConfigProxy } from '../proxy/types.js';
import { DOCS_URL } from './docs-url.js';
import { EMULATOR_OPTIONS_USAGE, runEmulatorCommand } from './emulator-command.js';
import { DEFAULT_PROXY_PORT, runProxyCommand } from './proxy-command.js';

/** Where `main` writes; defaults to the process streams. */
export interface CliIo {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Data folder used when `--data` is absent. Default: the package's `data/sample`. */
  defaultDataDir?: string;
  /** Environment (the proxy's token secret). Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** Outcome of `main`. A running emulator keeps `close` to stop it. */
export interface CliResult {
  /** 0: running or help shown; 1: failed to start; 2: bad usage. */
  exitCode: number;
  /** The server's origin, e.g. `http://127.0.0.1:2772`. */
  url?: string;
  /** The emulator's endpoint for clients: `url` plus `--base-path`. */
  endpoint?: string;
  emulator?: Emulator;
  proxy?: AppConfigProxy;
  close(): Promise<void>;
}

export const USAGE = `Usage: appconfig-react <command> [options]

Commands:
  emulator   Serve the AWS AppConfig Data API locally, from a data folder
  proxy      Serve the API to browsers in front of real AWS AppConfig

Emulator options:
${EMULATOR_OPTIONS_USAGE}

Proxy options (appconfig-react proxy --help for more):
  --config <f>   JSON configuration: allow-list, region, mode, origins, limits
  --port <n>     Port to listen on (default ${DEFAULT_PROXY_PORT})
  --host <h>     Interface to listen on (default 127.0.0.1)

Documentation: ${DOCS_URL}/emulator.md#the-command-line (emulator),
               ${DOCS_URL}/proxy.md#cli (proxy)
`;

const done = (exitCode: number): CliResult => ({ exitCode, close: async () => {} });

/** Runs the command line `argv` (without `node` and the script). */
export async function main(argv: readonly string[], io: CliIo = {}): Promise<CliResult> {
  const out = io.stdout ?? ((text) => process.stdout.write(text));
  const err = io.stderr ?? ((text) => process.stderr.write(text));
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') {
    out(USAGE);
    return done(0);
  }
  if (command === 'proxy') {
    return runProxyCommand(rest, { out, err, env: io.env ?? process.env });
  }
  if (command !== 'emulator') {
    err(command === undefined ? USAGE : `Unknown command "${command}".\n\n${USAGE}`);
    return done(2);
  }
  return runEmulatorCommand(rest, {
    out,
    err,
    defaultDataDir: io.defaultDataDir ?? bundledSampleDir(),
    usage: USAGE,
  });
}

// dist/cli.js → <package>/data/sample; src/server/node/cli.ts → the same folder from source.
function bundledSampleDir(): string | undefined {
  for (const relativePath of ['../data/sample', '../../../data/sample']) {
    const path = fileURLToPath(new URL(relativePath, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const result = await main(process.argv.slice(2));
  if (result.exitCode !== 0) process.exitCode = result.exitCode;
  else if (result.url) {
    const stop = () => void result.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
}
