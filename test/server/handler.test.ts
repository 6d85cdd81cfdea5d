import { describe, expect, it, vi } from 'vitest';
import { createEmulator } from '../../src/server/emulator/create-emulator.js';
import { TOKEN_PATTERN } from '../../src/core/limits.js';
import { IDS, ORIGIN, calls, errorOf, seededRandom, setup } from './emulator-harness.js';

describe('StartConfigurationSession', () => {
  it('answers 201 with an opaque token that fits the model pattern', async () => {
    const { start } = setup();
    const response = await start();
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { InitialConfigurationToken: token } = (await response.json()) as Record<string, string>;
    expect(token).toMatch(TOKEN_PATTERN);
    expect(token!.length).toBeGreaterThanOrEqual(43);
  });

  it('resolves each identifier by name or by ID', async () => {
    const { startToken, deployed } = setup();
    await expect(
      startToken({
        ApplicationIdentifier: deployed.applicationId,
        EnvironmentIdentifier: 'Development',
        ConfigurationProfileIdentifier: deployed.profileId,
      }),
    ).resolves.toMatch(TOKEN_PATTERN);
    await expect(
      startToken({ ...IDS, EnvironmentIdentifier: deployed.environmentId }),
    ).resolves.toMatch(TOKEN_PATTERN);
  });

  it('ignores unknown members and any Content-Type', async () => {
    const { start } = setup();
    const response = await start(
      { ...IDS, Extra: 1 },
      { headers: { 'content-type': 'text/plain' } },
    );
    expect(response.status).toBe(201);
  });

  it('names the missing resource, checking application, environment, profile in order', async () => {
    const { start } = setup();
    const missingAll = await errorOf(
      await start({
        ApplicationIdentifier: 'x',
        EnvironmentIdentifier: 'y',
        ConfigurationProfileIdentifier: 'z',
      }),
    );
    expect(missingAll).toMatchObject({ status: 404, type: 'ResourceNotFoundException' });
    expect(missingAll.body).toMatchObject({
      ResourceType: 'Application',
      ReferencedBy: { ApplicationIdentifier: 'x' },
    });
    const env = await errorOf(await start({ ...IDS, EnvironmentIdentifier: 'y' }));
    expect(env.body).toMatchObject({
      ResourceType: 'Environment',
      ReferencedBy: { EnvironmentIdentifier: 'y' },
    });
    const profile = await errorOf(await start({ ...IDS, ConfigurationProfileIdentifier: 'z' }));
    expect(profile.body).toMatchObject({
      ResourceType: 'ConfigurationProfile',
      ReferencedBy: { ConfigurationProfileIdentifier: 'z' },
    });
    expect(profile.body.Reason).toBeUndefined();
  });
});

describe('GetLatestConfiguration', () => {
  it('serves the deployed bytes with the four headers, then an empty body', async () => {
    const { startToken, poll } = setup();
    const first = await poll(await startToken());
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('{"theme":"light"}');
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.headers.get('version-label')).toBe('v1');
    expect(first.headers.get('next-poll-interval-in-seconds')).toBe('60');
    const next = first.headers.get('next-poll-configuration-token')!;
    expect(next).toMatch(TOKEN_PATTERN);

    const second = await poll(next);
    expect(second.status).toBe(200);
    expect((await second.arrayBuffer()).byteLength).toBe(0);
    // Empty when up to date (model): no Version-Label, but the content type stays.
    expect(second.headers.has('version-label')).toBe(false);
    expect(second.headers.get('content-type')).toBe('application/json');
  });

  it('echoes the requested interval and carries a new deployment on the next poll', async () => {
    const { emulator, clock, startToken, poll } = setup();
    const first = await poll(
      await startToken({ ...IDS, RequiredMinimumPollIntervalInSeconds: 15 }),
    );
    expect(first.headers.get('next-poll-interval-in-seconds')).toBe('15');
    emulator.deploy({
      application: 'DemoApp',
      environment: 'Development',
      profile: 'Settings',
      content: 'theme: dark\n',
      contentType: 'application/x-yaml',
    });
    clock.now += 15_000;
    const second = await poll(first.headers.get('next-poll-configuration-token')!);
    expect(await second.text()).toBe('theme: dark\n');
    expect(second.headers.get('content-type')).toBe('application/x-yaml');
    expect(second.headers.has('version-label')).toBe(false); // v2 has no label
  });

  it('answers 200 with an empty body until a profile is deployed to the environment', async () => {
    const { emulator, startToken, poll } = setup({ enforcePollInterval: 'requested' });
    // Settings exists in DemoApp, but was never deployed to Production.
    emulator.deploy({
      application: 'DemoApp',
      environment: 'Production',
      profile: 'Other',
      content: '{}',
    });
    const token = await startToken({ ...IDS, EnvironmentIdentifier: 'Production' });
    const empty = await poll(token);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('');
    expect(empty.headers.get('content-type')).toBe('application/octet-stream');
    emulator.deploy({
      application: 'DemoApp',
      environment: 'Production',
      profile: 'Settings',
      content: '{"p":1}',
    });
    const data = await poll(empty.headers.get('next-poll-configuration-token')!);
    expect(await data.text()).toBe('{"p":1}');
  });

  it('serves a profile in each environment separately', async () => {
    const { emulator, startToken, poll } = setup();
    emulator.deploy({
      application: 'DemoApp',
      environment: 'Production',
      profile: 'Settings',
      content: '{"env":"prod"}',
    });
    const dev = await poll(await startToken());
    const prod = await poll(await startToken({ ...IDS, EnvironmentIdentifier: 'Production' }));
    expect(await dev.text()).toBe('{"theme":"light"}');
    expect(await prod.text()).toBe('{"env":"prod"}');
  });
});

describe('routing and wire details', () => {
  it('adds x-amzn-RequestId to every response, success or error', async () => {
    const { start, emulator } = setup();
    const ok = await start();
    const bad = await emulator.fetch(`${ORIGIN}/nope`);
    for (const response of [ok, bad]) {
      expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers an unknown path with 404 and a wrong method with 405, as JSON errors', async () => {
    const { emulator } = setup();
    const unknown = await errorOf(await emulator.fetch(`${ORIGIN}/applications`));
    expect(unknown).toMatchObject({ status: 404, type: 'UnknownOperationException' });
    const wrong = await emulator.fetch(`${ORIGIN}/configurationsessions`);
    expect(wrong.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await errorOf(wrong)).toMatchObject({ status: 405, type: 'MethodNotAllowedException' });
    const head = await emulator.fetch(`${ORIGIN}/configuration?configuration_token=abc`, {
      method: 'HEAD',
    });
    expect(head.status).toBe(405);
  });

  it('mounts under a base path', async () => {
    const emulator = createEmulator({
      basePath: '/appconfig/',
      data: [{ application: 'A', environment: 'E', profile: 'P', content: { ok: true } }],
    });
    const { startToken, poll } = calls(emulator, `${ORIGIN}/appconfig`);
    const token = await startToken({
      ApplicationIdentifier: 'A',
      EnvironmentIdentifier: 'E',
      ConfigurationProfileIdentifier: 'P',
    });
    expect(await (await poll(token)).text()).toBe('{"ok":true}');
    expect(
      (await emulator.fetch(`${ORIGIN}/configurationsessions`, { method: 'POST' })).status,
    ).toBe(404);
  });

  it('logs each request with its session, version and emptiness, bounded', async () => {
    const seen: string[] = [];
    const { emulator, startToken, poll } = setup({
      requestLogSize: 3,
      onRequest: (e) => seen.push(e.operation),
    });
    const first = await poll(await startToken());
    await poll(first.headers.get('next-poll-configuration-token')!);
    const [start, data, empty] = emulator.requests;
    expect(start).toMatchObject({ operation: 'StartConfigurationSession', status: 201 });
    expect(data).toMatchObject({
      operation: 'GetLatestConfiguration',
      status: 200,
      versionServed: 1,
      empty: false,
    });
    expect(empty).toMatchObject({ status: 200, empty: true, sessionId: start!.sessionId });
    expect(empty!.versionServed).toBeUndefined();
    expect(start!.sessionId).toMatch(/^[a-z0-9]{7}$/);
    await emulator.fetch(`${ORIGIN}/x`);
    expect(emulator.requests.map((e) => e.operation)).toEqual([
      'GetLatestConfiguration',
      'GetLatestConfiguration',
      'Unknown',
    ]);
    expect(seen).toHaveLength(4);
    emulator.clearRequests();
    expect(emulator.requests).toEqual([]);
  });

  it('turns an unexpected exception into 500 InternalServerException and logs it', async () => {
    let broken = false;
    const seeded = seededRandom(1);
    const { emulator, start } = setup({
      random: () => {
        if (broken) throw new Error('entropy ran out');
        return seeded();
      },
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    broken = true;
    const response = await start();
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 500, type: 'InternalServerException' });
    expect(error.message).toMatch(/bug in appconfig-react/);
    expect(logged).toHaveBeenCalledWith(
      'appconfig-react emulator: unexpected error',
      expect.any(Error),
    );
    expect(emulator.requests.at(-1)).toMatchObject({
      status: 500,
      errorType: 'InternalServerException',
    });
  });

  it('rejects fetch with the abort reason when the signal is already aborted', async () => {
    const { emulator } = setup();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      emulator.fetch(`${ORIGIN}/configuration`, { signal: controller.signal }),
    ).rejects.toThrow('stop');
  });
});
