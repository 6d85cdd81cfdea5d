import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { afterEach, describe, expect, it } from 'vitest';
import { EMULATOR_TEST_CREDENTIALS } from '../../src/server/node/emulator-command.js';
import { main, USAGE, type CliResult } from '../../src/server/node/cli.js';

let running: CliResult[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const result = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  running.push(result);
  return { result, stdout: () => stdout, stderr: () => stderr };
}

describe('appconfig-react CLI', () => {
  it('starts the emulator on the bundled sample and prints the URL and the IDs', async () => {
    const { result, stdout, stderr } = await run('emulator', '--port', '0');
    expect(result.exitCode).toBe(0);
    expect(stderr()).toBe('');
    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const out = stdout();
    expect(out).toContain(`AppConfig Data emulator listening on ${result.url}`);
    expect(out).toMatch(/data[\\/]sample \(watching for changes\)/);
    for (const d of result.emulator!.describe()) {
      expect(out).toMatch(
        new RegExp(
          `${d.application.name} \\(${d.application.id}\\) +${d.environment.name} \\(${d.environment.id}\\) +${d.profile.name} \\(${d.profile.id}\\) +${d.profile.type.replaceAll('.', '\\.')} +${d.versionNumber}`,
        ),
      );
    }
    expect(out).toContain('MyAccessListFlag');

    const started = await fetch(`${result.url}/configurationsessions`, {
      method: 'POST',
      body: JSON.stringify({
        ApplicationIdentifier: 'DemoApp',
        EnvironmentIdentifier: 'Development',
        ConfigurationProfileIdentifier: 'FeatureFlags',
      }),
    });
    const { InitialConfigurationToken } = (await started.json()) as {
      InitialConfigurationToken: string;
    };
    const flags = await fetch(
      `${result.url}/configuration?configuration_token=${encodeURIComponent(InitialConfigurationToken)}`,
    );
    expect(await flags.json()).toMatchObject({
      darkMode: { enabled: true },
      betaBanner: { enabled: false },
    });
  });

  it('announces a short poll interval with --poll-interval, and says so', async () => {
    const { result, stdout } = await run('emulator', '--port', '0', '--poll-interval', '1');
    expect(result.exitCode).toBe(0);
    expect(stdout()).toContain('Sessions poll every 1 s (--poll-interval, development only');
    const started = await fetch(`${result.url}/configurationsessions`, {
      method: 'POST',
      body: JSON.stringify({
        ApplicationIdentifier: 'DemoApp',
        EnvironmentIdentifier: 'Development',
        ConfigurationProfileIdentifier: 'FeatureFlags',
        RequiredMinimumPollIntervalInSeconds: 15,
      }),
    });
    const { InitialConfigurationToken: token } = (await started.json()) as Record<string, string>;
    const latest = await fetch(
      `${result.url}/configuration?configuration_token=${encodeURIComponent(token!)}`,
    );
    expect(latest.headers.get('next-poll-interval-in-seconds')).toBe('1');
  });

  it('serves under --base-path and prints the endpoint', async () => {
    const { result, stdout } = await run('emulator', '--port', '0', '--base-path', '/appconfig/');
    expect(result.exitCode).toBe(0);
    expect(result.endpoint).toBe(`${result.url}/appconfig`);
    expect(stdout()).toContain(`Endpoint: ${result.url}/appconfig (--base-path /appconfig)`);
    const body = JSON.stringify({
      ApplicationIdentifier: 'DemoApp',
      EnvironmentIdentifier: 'Development',
      ConfigurationProfileIdentifier: 'FeatureFlags',
    });
    const at = (path: string) => fetch(`${result.url}${path}`, { method: 'POST', body });
    expect((await at('/appconfig/configurationsessions')).status).toBe(201);
    expect((await at('/configurationsessions')).status).toBe(404);
  });

  it('requires SigV4 signatures with --require-signature, from the documented test credentials', async () => {
    const { result, stdout } = await run('emulator', '--port', '0', '--require-signature');
    expect(result.exitCode).toBe(0);
    expect(stdout()).toContain(
      'Signatures required: SigV4, service appconfig, region us-east-1, access key id "test", secret "test" (test credentials).',
    );
    expect(EMULATOR_TEST_CREDENTIALS).toEqual({ accessKeyId: 'test', secretAccessKey: 'test' });
    const unsigned = await fetch(`${result.url}/configurationsessions`, { method: 'POST' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');

    // The official SDK signing with the test credentials gets through; another key does not.
    const sdk = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
      new AppConfigDataClient({
        endpoint: result.url,
        region: 'us-east-1',
        credentials,
        maxAttempts: 1,
      });
    const ids = {
      ApplicationIdentifier: 'DemoApp',
      EnvironmentIdentifier: 'Development',
      ConfigurationProfileIdentifier: 'FeatureFlags',
    };
    const good = sdk({ accessKeyId: 'test', secretAccessKey: 'test' });
    const bad = sdk({ accessKeyId: 'test', secretAccessKey: 'wrong' });
    try {
      const { InitialConfigurationToken } = await good.send(
        new StartConfigurationSessionCommand(ids),
      );
      const latest = await good.send(
        new GetLatestConfigurationCommand({ ConfigurationToken: InitialConfigurationToken }),
      );
      expect(JSON.parse(new TextDecoder().decode(latest.Configuration))).toMatchObject({
        darkMode: { enabled: true },
      });
      await expect(bad.send(new StartConfigurationSessionCommand(ids))).rejects.toMatchObject({
        name: 'InvalidSignatureException',
      });
    } finally {
      good.destroy();
      bad.destroy();
    }
  });

  it('prints usage and exits 0 for --help', async () => {
    const { result, stdout } = await run('--help');
    expect(result.exitCode).toBe(0);
    expect(stdout()).toBe(USAGE);
    expect((await run('emulator', '-h')).stdout()).toBe(USAGE);
  });

  it.each([
    [[], USAGE],
    [['serve'], 'Unknown command "serve"'],
    [['proxy'], '--config <file> is required.'],
    [['emulator', '--port', 'abc'], '--port must be an integer from 0 to 65535; got "abc".'],
    [['emulator', '--port', '70000'], '--port must be an integer from 0 to 65535'],
    [['emulator', '--verbose'], "Unknown option '--verbose'"],
    [
      ['emulator', '--poll-interval', '0'],
      '--poll-interval must be a whole number of seconds from 1 to 15; got "0".',
    ],
    [['emulator', '--poll-interval', '60'], '--poll-interval must be a whole number'],
    [['emulator', '--poll-interval', ''], '--poll-interval must be a whole number'],
    [['emulator', '--base-path', 'app config'], '--base-path must be a path like /appconfig'],
    [['emulator', '--base-path', '/a/../b'], '--base-path must be a path like /appconfig'],
    [['emulator', '--region', 'eu-west-1'], '--region only applies with --require-signature.'],
    [['emulator', '--require-signature', '--region', 'EU WEST'], '--region must be a region'],
  ])('exits 2 for %j', async (argv, message) => {
    const { result, stderr } = await run(...argv);
    expect(result.exitCode).toBe(2);
    expect(stderr()).toContain(message);
  });

  it('exits 1 when the data folder does not exist', async () => {
    const { result, stderr } = await run(
      'emulator',
      '--port',
      '0',
      '--data',
      '/nonexistent/appconfig-data',
    );
    expect(result.exitCode).toBe(1);
    expect(stderr()).toContain('Data folder not found: /nonexistent/appconfig-data');
  });

  it('exits 1 when the port is taken', async () => {
    const first = await run('emulator', '--port', '0');
    const port = new URL(first.result.url!).port;
    const second = await run('emulator', '--port', port);
    expect(second.result.exitCode).toBe(1);
    expect(second.stderr()).toMatch(/Could not listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
  });

  it('prints each redeployment, and why a saved file was refused (file, reason, what stays served)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'appconfig-cli-'));
    try {
      const file = join(dir, 'App', 'Dev', 'Flags.json');
      await mkdir(join(dir, 'App', 'Dev'), { recursive: true });
      const flags = (key: string) =>
        JSON.stringify({
          version: '1',
          flags: { [key]: {} },
          values: { [key]: { enabled: true } },
        });
      await writeFile(file, flags('beta'));
      await writeFile(join(dir, 'App', 'Dev', 'New.json'), '{"a":');
      const { result, stdout, stderr } = await run('emulator', '--port', '0', '--data', dir);
      expect(result.exitCode).toBe(0);
      const newFile = join('App', 'Dev', 'New.json');
      expect(stderr()).toContain(`${newFile} not deployed: not valid JSON: `);
      expect(stderr()).toContain('; nothing is served for it yet');

      // A rename save AppConfig would refuse (flag keys start with a lower-case letter).
      await writeFile(`${file}.tmp`, flags('Beta'));
      await rename(`${file}.tmp`, file);
      const shown = join('App', 'Dev', 'Flags.json');
      await until(() => stderr().includes(`${shown} not deployed`));
      const line = stderr()
        .split('\n')
        .find((l) => l.startsWith(`${shown} not deployed`));
      expect(line).toContain('Feature flag document refused: flags.Beta: ');
      expect(line).toMatch(/; version 1 stays served$/);
      await writeFile(file, flags('gamma'));
      await until(() => stdout().includes(`deployed ${shown} as version 2`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the CLI output');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
