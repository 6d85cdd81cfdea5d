#!/usr/bin/env node
/**
 * The `appconfig-react` command. `main(argv)` does the work and returns instead of exiting, so tests
 * run it in process; the last lines run it when this file is the program's entry point.
 */
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEmulator } from '../emulator/create-emulator.js';
import { POLL_INTERVAL_OPTION_SECONDS } from '../emulator/poll-interval-option.js';
import type { Emulator } from '../emulator/types.js';
import type { AppConfigProxy } from '../proxy/types.js';
import { deployDataFolder } from './deploy-data-folder.js';
import { formatTable } from './format-table.js';
import { DEFAULT_PROXY_PORT, runProxyCommand } from './proxy-command.js';
import { refusalMessage } from './refusal-message.js';
import { DEFAULT_PORT, serve, type ServedHandler } from './serve.js';
import { watchDataFolder } from './watch-data-folder.js';

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
  url?: string;
  emulator?: Emulator;
  proxy?: AppConfigProxy;
  close(): Promise<void>;
}

export const USAGE = `Usage: appconfig-react <command> [options]

Commands:
  emulator   Serve the AWS AppConfig Data API locally, from a data folder
  proxy      Serve the API to browsers in front of real AWS AppConfig

Emulator options:
  --port <n>     Port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
  --host <h>     Interface to listen on (default 127.0.0.1)
  --data <dir>   Data folder: <dir>/<Application>/<Environment>/<Profile>.json|.yaml|.yml|.txt
                 (default: the bundled sample, data/sample). Edits are deployed as you save.
  --poll-interval <s>
                 Development only: tell every session to poll every <s> seconds (1 to 15),
                 so edits show within seconds. AWS AppConfig answers 15 s at least.
  -h, --help     Show this help

Proxy options (appconfig-react proxy --help for more):
  --config <f>   JSON configuration: allow-list, region, mode, origins, limits
  --port <n>     Port to listen on (default ${DEFAULT_PROXY_PORT})
  --host <h>     Interface to listen on (default 127.0.0.1)
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
  let values: {
    port?: string;
    host?: string;
    data?: string;
    'poll-interval'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'poll-interval': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    err(`${(error as Error).message}\n\n${USAGE}`);
    return done(2);
  }
  if (values.help) {
    out(USAGE);
    return done(0);
  }
  const pollInterval = values['poll-interval'];
  const pollIntervalSeconds = pollInterval === undefined ? undefined : Number(pollInterval);
  if (pollInterval !== undefined) {
    const { min, max } = POLL_INTERVAL_OPTION_SECONDS;
    if (
      pollInterval.trim() === '' ||
      !Number.isInteger(pollIntervalSeconds) ||
      pollIntervalSeconds! < min ||
      pollIntervalSeconds! > max
    ) {
      err(
        `--poll-interval must be a whole number of seconds from ${min} to ${max}; got "${pollInterval}".\n`,
      );
      return done(2);
    }
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535 || values.port?.trim() === '') {
    err(`--port must be an integer from 0 to 65535; got "${values.port}".\n`);
    return done(2);
  }
  const dataDir =
    values.data === undefined ? (io.defaultDataDir ?? bundledSampleDir()) : resolve(values.data);
  if (!dataDir || !existsSync(dataDir)) {
    err(
      dataDir
        ? `Data folder not found: ${dataDir}\n`
        : 'The bundled sample folder (data/sample) is missing; pass --data <dir>.\n',
    );
    return done(1);
  }
  return start({
    port,
    host: values.host ?? '127.0.0.1',
    dataDir,
    pollIntervalSeconds,
    out,
    err,
  });
}

async function start(args: {
  port: number;
  host: string;
  dataDir: string;
  pollIntervalSeconds: number | undefined;
  out: (t: string) => void;
  err: (t: string) => void;
}): Promise<CliResult> {
  const { out, err } = args;
  const emulator = createEmulator(
    args.pollIntervalSeconds === undefined ? {} : { pollIntervalSeconds: args.pollIntervalSeconds },
  );
  const onError = (file: string, error: Error) => err(`${refusalMessage(emulator, file, error)}\n`);
  await deployDataFolder(emulator, args.dataDir, { onError });
  let server: ServedHandler;
  try {
    server = await serve(emulator.handle, { port: args.port, host: args.host });
  } catch (error) {
    emulator.close();
    err(`Could not listen on ${args.host}:${args.port}: ${(error as Error).message}\n`);
    return done(1);
  }
  watchDataFolder(emulator, args.dataDir, {
    onError,
    onReload: (outcomes) => {
      for (const o of outcomes)
        if (o.status === 'deployed')
          out(`deployed ${o.file} as version ${o.result?.versionNumber}\n`);
    },
  });
  out(
    `AppConfig Data emulator listening on ${server.url}\nData folder: ${args.dataDir} (watching for changes)\n\n`,
  );
  if (args.pollIntervalSeconds !== undefined) {
    out(
      `Sessions poll every ${args.pollIntervalSeconds} s (--poll-interval, development only: AWS AppConfig answers 15 s at least).\n\n`,
    );
  }
  out(`${describeTable(emulator).join('\n')}\n`);
  return {
    exitCode: 0,
    url: server.url,
    emulator,
    close: async () => {
      emulator.close();
      await server.close();
    },
  };
}

function describeTable(emulator: Emulator): string[] {
  const rows = emulator
    .describe()
    .map((d) => [
      `${d.application.name} (${d.application.id})`,
      `${d.environment.name} (${d.environment.id})`,
      `${d.profile.name} (${d.profile.id})`,
      d.profile.type,
      String(d.versionNumber),
    ]);
  if (rows.length === 0)
    return ['No configuration deployed: the data folder holds no profile files.'];
  return formatTable([['Application', 'Environment', 'Profile', 'Type', 'Version'], ...rows]);
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
