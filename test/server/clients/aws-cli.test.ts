/**
 * The AWS user guide's AppConfig Data flow with the real `aws` binary: start-configuration-session,
 * get-latest-configuration (the configuration), get again with the next token (empty), against
 * the emulator and the proxy in both modes, each on 127.0.0.1. Also the issue 14 item 15 case:
 * the guide's `--configuration-token "$T"` form must reach the server whatever the token is.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../../../src/server/emulator/create-emulator.js';
import { serve, type ServedHandler } from '../../../src/server/node/serve.js';
import { FLAGS, proxyFor, startUpstream, type Upstream } from '../proxy/proxy-harness.js';
import { findProgram, isolatedEnv, mustHave, runProgram } from './external-client.js';

// Debian's package (what CI installs) first, then whatever `aws` is on PATH.
const aws = await findProgram(['/usr/bin/aws', 'aws'], ['--version']);

describe('the AWS CLI is available', () => {
  it.runIf(mustHave)('in CI (installed by .ci/run)', () => {
    expect(
      aws,
      'the aws binary is missing: .ci/run installs it with apt-get install awscli',
    ).toBeDefined();
  });
});

const servers: ServedHandler[] = [];
let upstream: Upstream;
const targets: Record<string, string> = {};

beforeAll(async () => {
  if (!aws) return;
  upstream = await startUpstream();
  const emulator = createEmulator({
    data: [{ ...FLAGS, content: { darkMode: { enabled: true } }, versionLabel: 'f1' }],
  });
  const fanOut = proxyFor(upstream);
  const passThrough = proxyFor(upstream, { mode: 'pass-through' });
  for (const [name, handler] of [
    ['emulator', emulator.handle],
    ['fan-out proxy', fanOut.handle],
    ['pass-through proxy', passThrough.handle],
  ] as const) {
    const server = await serve((request, info) => handler(request, info), { port: 0 });
    servers.push(server);
    targets[name] = server.url;
  }
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await upstream?.close();
});

describe.skipIf(!aws)('the AWS CLI user-guide flow', () => {
  it.each(['emulator', 'fan-out proxy', 'pass-through proxy'])(
    'through the %s: start, get (configuration), get again (empty)',
    { timeout: 120_000 },
    async (name) => {
      const env = await isolatedEnv();
      const endpoint = [
        '--endpoint-url',
        targets[name]!,
        '--region',
        'us-east-1',
        '--output',
        'json',
      ];
      const started = JSON.parse(
        await runProgram(
          aws!,
          [
            'appconfigdata',
            'start-configuration-session',
            '--application-identifier',
            FLAGS.application,
            '--environment-identifier',
            FLAGS.environment,
            '--configuration-profile-identifier',
            FLAGS.profile,
            ...endpoint,
          ],
          env,
        ),
      ) as { InitialConfigurationToken: string };
      const first = join(env.HOME!, 'first.json');
      const got = JSON.parse(
        await runProgram(
          aws!,
          [
            'appconfigdata',
            'get-latest-configuration',
            `--configuration-token=${started.InitialConfigurationToken}`,
            ...endpoint,
            first,
          ],
          env,
        ),
      ) as {
        NextPollConfigurationToken: string;
        ContentType: string;
        NextPollIntervalInSeconds: number | string;
      };
      expect(JSON.parse(await readFile(first, 'utf8'))).toEqual({ darkMode: { enabled: true } });
      expect(got.ContentType).toBe('application/json');
      // CLI v2.9 prints the header's integer as a string.
      expect(Number(got.NextPollIntervalInSeconds)).toBeGreaterThanOrEqual(15);

      // The guide's form: `--configuration-token "$T"`, the token as its own argument.
      const second = join(env.HOME!, 'second.json');
      const again = JSON.parse(
        await runProgram(
          aws!,
          [
            'appconfigdata',
            'get-latest-configuration',
            '--configuration-token',
            got.NextPollConfigurationToken,
            ...endpoint,
            second,
          ],
          env,
        ),
      ) as { NextPollConfigurationToken: string };
      expect(await readFile(second, 'utf8')).toBe('');
      expect(again.NextPollConfigurationToken).toMatch(/^AYAD/);
    },
  );
});
