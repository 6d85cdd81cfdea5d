/**
 * The boto3 version of the AWS user-guide flow (Debian's python3-boto3): start a session, get the
 * configuration, get again at once (empty), against the emulator and the proxy in both modes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../../../src/server/emulator/create-emulator.js';
import { serve, type ServedHandler } from '../../../src/server/node/serve.js';
import { FLAGS, proxyFor, startUpstream, type Upstream } from '../proxy/proxy-harness.js';
import { findProgram, isolatedEnv, mustHave, runProgram } from './external-client.js';

// Debian's python3 (where python3-boto3 installs) first, then whatever python3 is on PATH.
const python = await findProgram(['/usr/bin/python3', 'python3'], ['-c', 'import boto3']);

const SCRIPT = `
import json, sys
import boto3
client = boto3.client("appconfigdata", endpoint_url=sys.argv[1], region_name="us-east-1")
token = client.start_configuration_session(
    ApplicationIdentifier=sys.argv[2],
    EnvironmentIdentifier=sys.argv[3],
    ConfigurationProfileIdentifier=sys.argv[4],
)["InitialConfigurationToken"]
first = client.get_latest_configuration(ConfigurationToken=token)
second = client.get_latest_configuration(ConfigurationToken=first["NextPollConfigurationToken"])
print(json.dumps({
    "first": first["Configuration"].read().decode(),
    "contentType": first["ContentType"],
    "interval": first["NextPollIntervalInSeconds"],
    "second": second["Configuration"].read().decode(),
}))
`;

describe('boto3 is available', () => {
  it.runIf(mustHave)('in CI (installed by .ci/run)', () => {
    expect(python, 'python3 with boto3 is missing: .ci/run installs python3-boto3').toBeDefined();
  });
});

const servers: ServedHandler[] = [];
let upstream: Upstream;
const targets: Record<string, string> = {};

beforeAll(async () => {
  if (!python) return;
  upstream = await startUpstream();
  const emulator = createEmulator({
    data: [{ ...FLAGS, content: { darkMode: { enabled: true } } }],
  });
  for (const [name, handler] of [
    ['emulator', emulator.handle],
    ['fan-out proxy', proxyFor(upstream).handle],
    ['pass-through proxy', proxyFor(upstream, { mode: 'pass-through' }).handle],
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

describe.skipIf(!python)('the boto3 user-guide flow', () => {
  it.each(['emulator', 'fan-out proxy', 'pass-through proxy'])(
    'through the %s: start, get (configuration), get again (empty)',
    { timeout: 60_000 },
    async (name) => {
      const out = await runProgram(
        python!,
        ['-c', SCRIPT, targets[name]!, FLAGS.application, FLAGS.environment, FLAGS.profile],
        await isolatedEnv(),
      );
      expect(JSON.parse(out)).toEqual({
        first: '{"darkMode":{"enabled":true}}',
        contentType: 'application/json',
        interval: 60,
        second: '',
      });
    },
  );
});
