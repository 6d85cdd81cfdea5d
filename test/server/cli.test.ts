import { afterEach, describe, expect, it } from 'vitest';
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
});
