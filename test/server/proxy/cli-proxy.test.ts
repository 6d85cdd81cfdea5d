/**
 * `appconfig-react proxy --config <file>`: config validation with clear errors, the secret from
 * the environment (required in fan-out mode), and a running proxy in front of the
 * signature-checking emulator, logging one JSON line per request. AWS credentials come from the
 * SDK's default chain: fake ones in the environment for the test.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main, type CliResult } from '../../../src/server/node/cli.js';
import { PROXY_USAGE } from '../../../src/server/node/proxy-command.js';
import {
  CREDENTIALS,
  FLAGS,
  OTHER_SECRET,
  REGION,
  SECRET,
  startUpstream,
  type Upstream,
} from './proxy-harness.js';

let dir: string;
let upstream: Upstream;
let running: CliResult[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'appconfig-proxy-cli-'));
  upstream = await startUpstream();
});
afterAll(async () => {
  await upstream.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  // The SDK's default chain finds these first and never looks further (no instance metadata).
  vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.secretAccessKey);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

let files = 0;
async function configFile(config: unknown): Promise<string> {
  const file = join(dir, `proxy-${++files}.json`);
  await writeFile(file, typeof config === 'string' ? config : JSON.stringify(config));
  return file;
}

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const result = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
  });
  running.push(result);
  return { result, stdout: () => stdout, stderr: () => stderr };
}

const valid = () => ({
  region: REGION,
  endpoint: upstream.server.url,
  allow: [FLAGS],
  origins: ['https://app.example.com'],
  pollIntervalSeconds: 60,
  rateLimit: { requestsPerSecond: 50, burst: 100 },
  secretEnv: 'MY_PROXY_SECRET',
});

describe('appconfig-react proxy', () => {
  it('serves the allow-list in front of AWS, logging one JSON line per request', async () => {
    const file = await configFile(valid());
    const { result, stdout, stderr } = await run(['proxy', '--config', file, '--port', '0'], {
      MY_PROXY_SECRET: SECRET,
    });
    expect(stderr()).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdout()).toBe(
      `AppConfig proxy (fan-out) listening on ${result.url}\nServing 1 configuration: DemoApp/Production/Flags\n`,
    );

    const started = await fetch(`${result.url}/configurationsessions`, {
      method: 'POST',
      headers: { origin: 'https://app.example.com' },
      body: JSON.stringify({
        ApplicationIdentifier: FLAGS.application,
        EnvironmentIdentifier: FLAGS.environment,
        ConfigurationProfileIdentifier: FLAGS.profile,
      }),
    });
    expect(started.status).toBe(201);
    expect(started.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const { InitialConfigurationToken } = (await started.json()) as {
      InitialConfigurationToken: string;
    };
    const polled = await fetch(
      `${result.url}/configuration?configuration_token=${encodeURIComponent(InitialConfigurationToken)}`,
    );
    expect(await polled.json()).toEqual({ darkMode: { enabled: true } });

    const lines = stdout()
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines).toMatchObject([
      {
        type: 'request',
        operation: 'StartConfigurationSession',
        status: 201,
        path: '/configurationsessions',
        client: '127.0.0.1',
      },
      {
        type: 'request',
        operation: 'GetLatestConfiguration',
        status: 200,
        path: '/configuration',
        cache: 'miss',
      },
    ]);
    // Tokens never appear in logs; AWS calls are logged to stderr.
    expect(stdout()).not.toContain(InitialConfigurationToken);
    expect(stderr()).toContain('"type":"upstream"');
    expect(result.proxy!.metrics().upstreamCalls.GetLatestConfiguration).toBe(1);
  });

  it('refuses to start in fan-out mode without the secret in the environment', async () => {
    const file = await configFile(valid());
    const { result, stderr } = await run(['proxy', '--config', file, '--port', '0'], {});
    expect(result.exitCode).toBe(1);
    expect(result.url).toBeUndefined();
    expect(stderr()).toContain(
      'The proxy needs a token secret in fan-out mode, and the environment variable MY_PROXY_SECRET is not set.',
    );
    expect(stderr()).toContain('export MY_PROXY_SECRET="$(openssl rand -base64 32)"');
  });

  it('refuses a secret shorter than 32 characters, naming the variable', async () => {
    const file = await configFile({ ...valid(), secretEnv: undefined });
    const { result, stderr } = await run(['proxy', '--config', file, '--port', '0'], {
      APPCONFIG_PROXY_SECRET: 'short',
    });
    expect(result.exitCode).toBe(1);
    expect(stderr()).toContain('APPCONFIG_PROXY_SECRET must be at least 32 characters');
  });

  it('rotates the token secret with a list of variables: signs with the first, accepts both', async () => {
    const session = async (url: string) => {
      const started = await fetch(`${url}/configurationsessions`, {
        method: 'POST',
        body: JSON.stringify({
          ApplicationIdentifier: FLAGS.application,
          EnvironmentIdentifier: FLAGS.environment,
          ConfigurationProfileIdentifier: FLAGS.profile,
        }),
      });
      return ((await started.json()) as { InitialConfigurationToken: string })
        .InitialConfigurationToken;
    };
    const poll = async (url: string, token: string) =>
      (await fetch(`${url}/configuration?configuration_token=${encodeURIComponent(token)}`)).status;
    const env = { NEW_SECRET: SECRET, OLD_SECRET: OTHER_SECRET };
    // Before the rotation: the old secret alone.
    const before = await run(
      [
        'proxy',
        '--config',
        await configFile({ ...valid(), secretEnv: 'OLD_SECRET' }),
        '--port',
        '0',
      ],
      env,
    );
    // During it: [new, old].
    const during = await run(
      [
        'proxy',
        '--config',
        await configFile({ ...valid(), secretEnv: ['NEW_SECRET', 'OLD_SECRET'] }),
        '--port',
        '0',
      ],
      env,
    );
    expect(during.result.exitCode).toBe(0);
    const oldToken = await session(before.result.url!);
    const newToken = await session(during.result.url!);
    expect(await poll(during.result.url!, oldToken)).toBe(200); // old tokens still verify
    expect(await poll(before.result.url!, newToken)).toBe(400); // new ones are signed with NEW
  });

  it('refuses a rotation list with a variable unset, or a short secret, naming the variable', async () => {
    const file = await configFile({ ...valid(), secretEnv: ['NEW_SECRET', 'OLD_SECRET'] });
    const unset = await run(['proxy', '--config', file, '--port', '0'], { NEW_SECRET: SECRET });
    expect(unset.result.exitCode).toBe(1);
    expect(unset.stderr()).toContain(
      `The environment variable OLD_SECRET named by "secretEnv" in ${file} is not set.`,
    );
    const none = await run(['proxy', '--config', file, '--port', '0'], {});
    expect(none.stderr()).toContain(
      'none of the environment variables NEW_SECRET, OLD_SECRET is set',
    );
    const short = await run(['proxy', '--config', file, '--port', '0'], {
      NEW_SECRET: SECRET,
      OLD_SECRET: 'short',
    });
    expect(short.result.exitCode).toBe(1);
    expect(short.stderr()).toContain('OLD_SECRET must be at least 32 characters');
    expect(short.stderr()).not.toContain('short');
  });

  it('starts in pass-through mode without a secret', async () => {
    const file = await configFile({ ...valid(), mode: 'pass-through' });
    const { result, stdout } = await run(['proxy', '--config', file, '--port', '0']);
    expect(result.exitCode).toBe(0);
    expect(stdout()).toContain('AppConfig proxy (pass-through) listening on');
  });

  it.each([
    [{ allow: [] }, 'allow: must list at least one configuration browsers may read'],
    [{ allow: [{ ...FLAGS, profile: '' }] }, 'allow[0].profile: must be 1 to 128 characters'],
    [
      { allow: [{ ...FLAGS, profile: 'x'.repeat(129) }] },
      'allow[0].profile: must be 1 to 128 characters',
    ],
    [
      { allow: [{ application: 'A', environment: 'E' }] },
      'allow[0].profile: must be a string (a name or an ID)',
    ],
    [{ pollIntervalSeconds: 10 }, 'pollIntervalSeconds: must be at least 15 seconds'],
    [{ pollIntervalSeconds: 90000 }, 'pollIntervalSeconds: must be at most 86400 seconds'],
    [
      { pollIntervalSeconds: 1.5 },
      'pollIntervalSeconds: must be a whole number of seconds from 15 to 86400',
    ],
    [{ mode: 'cache' }, "mode: must be 'fan-out' or 'pass-through'"],
    [
      { origins: ['https://app.example.com/'] },
      "origins[0]: must be an exact origin like 'https://app.example.com'",
    ],
    [{ origins: ['*'] }, 'origins[0]: must be an exact origin'],
    [{ endpoint: 'ftp://x' }, 'endpoint: must be an absolute http(s) URL'],
    [{ rateLimit: { requestsPerSecond: 0 } }, 'rateLimit'],
    [
      { trustProxy: 'yes' },
      'trustProxy: must be true, false or the number of proxies in front (1 to 10)',
    ],
    [{ secretEnv: 'not a name' }, 'secretEnv: must be the name of an environment variable'],
    [{ secretEnv: [] }, 'secretEnv: must'],
    [{ secretEnv: ['OK', 'not ok'] }, 'secretEnv'],
    [{ maxBodyBytes: 10 }, 'maxBodyBytes: must be at least 1024'],
    [{ alow: [] }, 'alow: is not a known setting'],
    [{ secret: 'x'.repeat(40) }, 'secret: the token secret must not be in the file'],
    [{ accessKeyId: 'AKIDEXAMPLE' }, 'accessKeyId: AWS credentials must not be in the file'],
  ])('exits 2 for an invalid config %j', async (patch, message) => {
    const file = await configFile({ ...valid(), ...patch });
    const { result, stderr } = await run(['proxy', '--config', file, '--port', '0'], {
      MY_PROXY_SECRET: SECRET,
    });
    expect(result.exitCode).toBe(2);
    expect(stderr()).toContain(`Invalid proxy configuration ${file}:`);
    expect(stderr()).toContain(message);
  });

  it('reports a semantic problem from createProxy (upstream interval above the browser one)', async () => {
    const file = await configFile({
      ...valid(),
      pollIntervalSeconds: 30,
      upstreamPollIntervalSeconds: 60,
    });
    const { result, stderr } = await run(['proxy', '--config', file, '--port', '0'], {
      MY_PROXY_SECRET: SECRET,
    });
    expect(result.exitCode).toBe(2);
    expect(stderr()).toContain(
      'upstreamPollIntervalSeconds must be a whole number of seconds from 15 to pollIntervalSeconds (30)',
    );
  });

  it('exits 2 for a file that is not JSON, a missing file, no --config, and prints help', async () => {
    const broken = await configFile('{ "allow": ');
    expect((await run(['proxy', '--config', broken])).stderr()).toContain('is not valid JSON');
    const missing = await run(['proxy', '--config', join(dir, 'nope.json')]);
    expect(missing.result.exitCode).toBe(2);
    expect(missing.stderr()).toContain('cannot be read');
    const none = await run(['proxy']);
    expect(none.result.exitCode).toBe(2);
    expect(none.stderr()).toContain('--config <file> is required.');
    const help = await run(['proxy', '--help']);
    expect(help.result.exitCode).toBe(0);
    expect(help.stdout()).toBe(PROXY_USAGE);
  });
});
