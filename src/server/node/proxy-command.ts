/**
 * `appconfig-react proxy --config <file> [--port <n>] [--host <h>]`: the proxy on a Node HTTP
 * server. One JSON line per request on stdout; other events (AWS calls, errors) as JSON lines on
 * stderr. Refuses to start in fan-out mode without the token secret.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidOptionsError } from '../../core/errors.js';
import { createProxy } from '../proxy/create-proxy.js';
import type { AppConfigProxy, ProxyLogEvent } from '../proxy/types.js';
import {
  DEFAULT_SECRET_ENV,
  ProxyConfigError,
  loadProxyConfig,
  proxyOptionsOf,
} from './proxy-config.js';
import { DOCS_URL } from './docs-url.js';
import { serve, type ServedHandler } from './serve.js';

/** Default port of the proxy (the emulator's is 2772, so both can run side by side). */
export const DEFAULT_PROXY_PORT = 8080;

export const PROXY_USAGE = `Usage: appconfig-react proxy --config <file> [options]

Serves the AWS AppConfig Data API to browsers in front of real AWS AppConfig.

Options:
  --config <file>  JSON configuration (allow-list, region, mode, origins…)
  --port <n>       Port to listen on (default ${DEFAULT_PROXY_PORT}; 0 picks a free port)
  --host <h>       Interface to listen on (default 127.0.0.1; 0.0.0.0 in a container)
  -h, --help       Show this help

The token secret comes from the environment variable named by "secretEnv" in the file
(default ${DEFAULT_SECRET_ENV}). To rotate it, name two: "secretEnv": ["NEW_SECRET", "OLD_SECRET"]
signs with the first and still accepts tokens of the second; drop the old one after 24 h.
AWS credentials come from the AWS SDK default provider chain.

Documentation: ${DOCS_URL}/proxy.md#cli
`;

export interface ProxyCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
}

export interface ProxyCommandResult {
  exitCode: number;
  url?: string;
  proxy?: AppConfigProxy;
  close(): Promise<void>;
}

const done = (exitCode: number): ProxyCommandResult => ({ exitCode, close: async () => {} });

export async function runProxyCommand(
  args: readonly string[],
  io: ProxyCommandIo,
): Promise<ProxyCommandResult> {
  const { out, err } = io;
  let values: { config?: string; port?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    err(`${(error as Error).message}\n\n${PROXY_USAGE}`);
    return done(2);
  }
  if (values.help) {
    out(PROXY_USAGE);
    return done(0);
  }
  if (!values.config) {
    err(`--config <file> is required.\n\n${PROXY_USAGE}`);
    return done(2);
  }
  const port = values.port === undefined ? DEFAULT_PROXY_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535 || values.port?.trim() === '') {
    err(`--port must be an integer from 0 to 65535; got "${values.port}".\n`);
    return done(2);
  }
  const host = values.host ?? '127.0.0.1';
  const file = resolve(values.config);

  let config;
  try {
    config = await loadProxyConfig(file);
  } catch (error) {
    if (!(error instanceof ProxyConfigError)) throw error;
    err(`Invalid proxy configuration ${error.message}\n`);
    return done(2);
  }
  const mode = config.mode ?? 'fan-out';
  // A list of variables rotates the key: the first signs new tokens, every one verifies.
  const secretEnvs = ([] as string[]).concat(config.secretEnv ?? DEFAULT_SECRET_ENV);
  const unset = secretEnvs.filter((name) => !io.env[name]);
  if (mode === 'fan-out' && unset.length === secretEnvs.length) {
    const [secretEnv] = secretEnvs;
    err(
      `The proxy needs a token secret in fan-out mode, and ${secretEnvs.length === 1 ? `the environment variable ${secretEnv} is not set` : `none of the environment variables ${secretEnvs.join(', ')} is set`}.\n` +
        `Set it to at least 32 random characters, the same on every instance, e.g.\n` +
        `  export ${secretEnv}="$(openssl rand -base64 32)"\n` +
        `or, without openssl:\n` +
        `  export ${secretEnv}="$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))")"\n`,
    );
    return done(1);
  }
  if (unset.length > 0 && unset.length < secretEnvs.length) {
    err(
      `The environment variable${unset.length === 1 ? '' : 's'} ${unset.join(', ')} named by "secretEnv" in ${file} ${unset.length === 1 ? 'is' : 'are'} not set.\n` +
        'Set every variable of the list (the first signs tokens, the others still verify them), or remove it from the list once its tokens have expired (24 h).\n',
    );
    return done(1);
  }
  const secrets = secretEnvs.map((name) => io.env[name]).filter((v): v is string => !!v);
  const secret = secrets.length === 0 ? undefined : secrets.length === 1 ? secrets[0] : secrets;

  const log = (event: ProxyLogEvent) =>
    (event.type === 'request' ? out : err)(`${JSON.stringify(event)}\n`);
  let proxy: AppConfigProxy;
  try {
    proxy = createProxy({ ...proxyOptionsOf(config), secret, logger: log });
  } catch (error) {
    if (!(error instanceof InvalidOptionsError)) throw error;
    const message = error.message.replace(/^createProxy: /, '');
    // Name the variable, never the secret: `secret[1] must…` → `OLD_SECRET must…`.
    const named = message.replace(
      /^secret(?:\[(\d+)\])? /,
      (_, index?: string) => `${secretEnvs[Number(index ?? 0)]} `,
    );
    err(`Invalid proxy configuration ${file}:\n  ${named}\n`);
    return done(error.field.startsWith('secret') ? 1 : 2);
  }
  try {
    await proxy.ready();
  } catch (error) {
    err(`${(error as Error).message}\n`);
    proxy.close();
    return done(1);
  }
  let server: ServedHandler;
  try {
    server = await serve(proxy.handle, { port, host });
  } catch (error) {
    proxy.close();
    err(`Could not listen on ${host}:${port}: ${(error as Error).message}\n`);
    return done(1);
  }
  out(
    `AppConfig proxy (${mode}) listening on ${server.url}\n` +
      `Serving ${config.allow.length} configuration${config.allow.length === 1 ? '' : 's'}: ` +
      `${config.allow.map((a) => `${a.application}/${a.environment}/${a.profile}`).join(', ')}\n`,
  );
  return {
    exitCode: 0,
    url: server.url,
    proxy,
    close: async () => {
      proxy.close();
      await server.close();
    },
  };
}
