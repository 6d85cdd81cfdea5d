/**
 * `appconfig-react emulator [options]`: a data folder served on a port by the emulator, redeployed
 * as it is edited, with the IDs it assigned printed at start.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEmulator } from '../emulator/create-emulator.js';
import { POLL_INTERVAL_OPTION_SECONDS } from '../emulator/poll-interval-option.js';
import type { Emulator, EmulatorOptions } from '../emulator/types.js';
import type { SigningCredentials } from '../emulator/verify-signature.js';
import { normaliseBasePath } from '../shared/base-path.js';
import { deployDataFolder } from './deploy-data-folder.js';
import { formatTable } from './format-table.js';
import { refusalMessage } from './refusal-message.js';
import { DEFAULT_PORT, serve, type ServedHandler } from './serve.js';
import { watchDataFolder } from './watch-data-folder.js';

/**
 * The only access key `--require-signature` accepts: fake, like the emulator itself, so no real
 * AWS credential is ever needed (or given) to test signing clients against it.
 */
export const EMULATOR_TEST_CREDENTIALS: Readonly<SigningCredentials> = Object.freeze({
  accessKeyId: 'test',
  secretAccessKey: 'test',
});

/** Region `--require-signature` expects in the credential scope unless `--region` says otherwise. */
export const DEFAULT_SIGNING_REGION = 'us-east-1';

export const EMULATOR_OPTIONS_USAGE = `  --port <n>     Port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
  --host <h>     Interface to listen on (default 127.0.0.1)
  --data <dir>   Data folder: <dir>/<Application>/<Environment>/<Profile>.json|.yaml|.yml|.txt
                 (default: the bundled sample, data/sample). Edits are deployed as you save.
  --base-path <p>
                 Serve the API under a path, e.g. /appconfig (default: the root)
  --poll-interval <s>
                 Development only: tell every session to poll every <s> seconds (${POLL_INTERVAL_OPTION_SECONDS.min} to ${POLL_INTERVAL_OPTION_SECONDS.max}),
                 so edits show within seconds. AWS AppConfig answers 15 s at least.
  --require-signature
                 Refuse requests without a valid SigV4 signature (service appconfig), as AWS
                 does. Sign with the test credentials: access key id "${EMULATOR_TEST_CREDENTIALS.accessKeyId}", secret "${EMULATOR_TEST_CREDENTIALS.secretAccessKey}".
  --region <r>   Region the signatures must name (default ${DEFAULT_SIGNING_REGION}; with --require-signature)
  -h, --help     Show this help`;

export interface EmulatorCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Data folder used when `--data` is absent, if any. */
  defaultDataDir: string | undefined;
  /** Full usage text, for --help and usage errors. */
  usage: string;
}

export interface EmulatorCommandResult {
  /** 0: running or help shown; 1: failed to start; 2: bad usage. */
  exitCode: number;
  /** The server's origin, e.g. `http://127.0.0.1:2772`. */
  url?: string;
  /** Where clients point: `url` plus the base path. */
  endpoint?: string;
  emulator?: Emulator;
  close(): Promise<void>;
}

const done = (exitCode: number): EmulatorCommandResult => ({ exitCode, close: async () => {} });

const BASE_PATH = /^(\/[A-Za-z0-9._~-]+)+\/?$|^\/$/;

/** Parses the emulator's options and starts it. */
export async function runEmulatorCommand(
  args: readonly string[],
  io: EmulatorCommandIo,
): Promise<EmulatorCommandResult> {
  const { out, err, usage } = io;
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'base-path': { type: 'string' },
        'poll-interval': { type: 'string' },
        'require-signature': { type: 'boolean' },
        region: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    err(`${(error as Error).message}\n\n${usage}`);
    return done(2);
  }
  if (values.help) {
    out(usage);
    return done(0);
  }
  const usageError = (message: string) => {
    err(`${message}\n`);
    return done(2);
  };

  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535 || values.port?.trim() === '') {
    return usageError(`--port must be an integer from 0 to 65535; got "${values.port}".`);
  }
  const options: EmulatorOptions = {};
  const basePath = values['base-path'];
  if (basePath !== undefined) {
    // Dot segments would be resolved away by clients' URL handling before they reach us.
    if (!BASE_PATH.test(basePath) || /(^|\/)\.{1,2}(\/|$)/.test(basePath)) {
      return usageError(
        `--base-path must be a path like /appconfig (letters, digits, . _ ~ -); got "${basePath}".`,
      );
    }
    options.basePath = normaliseBasePath(basePath);
  }
  const pollInterval = values['poll-interval'];
  if (pollInterval !== undefined) {
    const { min, max } = POLL_INTERVAL_OPTION_SECONDS;
    const seconds = Number(pollInterval);
    if (
      pollInterval.trim() === '' ||
      !Number.isInteger(seconds) ||
      seconds < min ||
      seconds > max
    ) {
      return usageError(
        `--poll-interval must be a whole number of seconds from ${min} to ${max}; got "${pollInterval}".`,
      );
    }
    options.pollIntervalSeconds = seconds;
  }
  if (values.region !== undefined && !values['require-signature']) {
    return usageError('--region only applies with --require-signature.');
  }
  const region = values.region ?? DEFAULT_SIGNING_REGION;
  if (!/^[a-z0-9-]{1,64}$/.test(region)) {
    return usageError(`--region must be a region name like us-east-1; got "${region}".`);
  }
  if (values['require-signature']) {
    options.requireSignature = { credentials: { ...EMULATOR_TEST_CREDENTIALS }, region };
  }

  const dataDir = values.data === undefined ? io.defaultDataDir : resolve(values.data);
  if (!dataDir || !existsSync(dataDir)) {
    err(
      dataDir
        ? `Data folder not found: ${dataDir}\n`
        : 'The bundled sample folder (data/sample) is missing; pass --data <dir>.\n',
    );
    return done(1);
  }
  return start({ port, host: values.host ?? '127.0.0.1', dataDir, options, out, err });
}

async function start(args: {
  port: number;
  host: string;
  dataDir: string;
  options: EmulatorOptions;
  out: (t: string) => void;
  err: (t: string) => void;
}): Promise<EmulatorCommandResult> {
  const { out, err, options } = args;
  const emulator = createEmulator(options);
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
  const endpoint = `${server.url}${options.basePath ?? ''}`;
  const notes = [
    `AppConfig Data emulator listening on ${server.url}`,
    ...(options.basePath ? [`Endpoint: ${endpoint} (--base-path ${options.basePath})`] : []),
    `Data folder: ${args.dataDir} (watching for changes)`,
    ...(options.pollIntervalSeconds === undefined
      ? []
      : [
          `Sessions poll every ${options.pollIntervalSeconds} s (--poll-interval, development only: AWS AppConfig answers 15 s at least).`,
        ]),
    ...(options.requireSignature
      ? [
          `Signatures required: SigV4, service appconfig, region ${options.requireSignature.region}, ` +
            `access key id "${EMULATOR_TEST_CREDENTIALS.accessKeyId}", secret "${EMULATOR_TEST_CREDENTIALS.secretAccessKey}" (test credentials).`,
        ]
      : []),
  ];
  out(`${notes.join('\n')}\n\n${describeTable(emulator).join('\n')}\n`);
  return {
    exitCode: 0,
    url: server.url,
    endpoint,
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
