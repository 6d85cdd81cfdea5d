/**
 * `appconfig-react proxy --config <file>` with `"agent"`: the proxy reads from an AppConfig Agent
 * (the emulator's Agent API on 127.0.0.1), with the context keys the file lets browsers claim,
 * the Agent's access token from the environment, and clear refusals for what makes no sense.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliResult } from '../../../src/server/node/cli.js';
import { startAgent, UI_REFRESH, type Agent } from './agent-harness.js';
import { SECRET } from './proxy-harness.js';

let dir: string;
let agent: Agent;
let running: CliResult[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'appconfig-proxy-agent-cli-'));
  agent = await startAgent();
});
afterAll(async () => {
  await agent.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

let files = 0;
async function run(config: unknown, env: Record<string, string | undefined> = {}) {
  const file = join(dir, `proxy-${++files}.json`);
  await writeFile(file, JSON.stringify(config));
  let stdout = '';
  let stderr = '';
  const result = await main(['proxy', '--config', file, '--port', '0'], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { APPCONFIG_PROXY_SECRET: SECRET, ...env },
  });
  running.push(result);
  return { result, file, stdout: () => stdout, stderr: () => stderr };
}

const startBody = (context: unknown) =>
  JSON.stringify({
    ApplicationIdentifier: UI_REFRESH.application,
    EnvironmentIdentifier: UI_REFRESH.environment,
    ConfigurationProfileIdentifier: UI_REFRESH.profile,
    Context: context,
  });

describe('appconfig-react proxy with an Agent upstream', () => {
  it('serves each browser the variant of its context, with no AWS SDK, region or credentials', async () => {
    const { result, stdout, stderr } = await run({
      agent: agent.server.url,
      allow: [UI_REFRESH],
      contextAttributes: ['email'],
    });
    expect(stderr()).toBe('');
    expect(result.exitCode).toBe(0);
    expect(stdout()).toBe(
      `AppConfig proxy (fan-out) listening on ${result.url}\nReading from the AppConfig Agent at ${agent.server.url}\nServing 1 configuration: UIRefresh/Production/Features\n`,
    );
    const started = await fetch(`${result.url}/configurationsessions?include=configuration`, {
      method: 'POST',
      body: startBody({ email: 'kim@qa-testers.mycompany.com' }),
    });
    expect(started.status).toBe(200);
    expect(
      ((await started.json()) as { ui_refresh: { _variant: string } }).ui_refresh._variant,
    ).toBe('QA');
    const refused = await fetch(`${result.url}/configurationsessions`, {
      method: 'POST',
      body: startBody({ plan: 'pro' }),
    });
    expect(refused.status).toBe(403);
    expect(stderr()).toContain('"operation":"AgentGetConfiguration"');
  });

  it('reads the Agent access token from the variable accessTokenEnv names', async () => {
    const missing = await run({
      agent: { url: agent.server.url, accessTokenEnv: 'AGENT_TOKEN' },
      allow: [UI_REFRESH],
    });
    expect(missing.result.exitCode).toBe(1);
    expect(missing.stderr()).toBe(
      `The environment variable AGENT_TOKEN named by "agent.accessTokenEnv" in ${missing.file} is not set.\nSet it to the Agent's ACCESS_TOKEN, or remove accessTokenEnv if the Agent has none.\n`,
    );
    const set = await run(
      {
        agent: { url: agent.server.url, accessTokenEnv: 'AGENT_TOKEN', cacheEntries: 10 },
        allow: [UI_REFRESH],
      },
      { AGENT_TOKEN: 'token-1' },
    );
    expect(set.result.exitCode).toBe(0);
  });

  it('refuses a token in the file, SDK settings beside "agent", and bad values, each with its field', async () => {
    const { result, file, stderr } = await run({
      agent: { url: 'localhost:2772', accessToken: 'abc' },
      allow: [UI_REFRESH],
      region: 'eu-west-1',
      endpoint: 'https://appconfigdata.eu-west-1.amazonaws.com',
      contextAttributes: ['ok', 'not-ok'],
    });
    expect(result.exitCode).toBe(2);
    expect(stderr()).toBe(
      `Invalid proxy configuration ${file}:\n` +
        '  agent.accessToken: the Agent\'s access token must not be in the file: put it in an environment variable and name that variable with "accessTokenEnv"\n' +
        '  region: has no effect with "agent": the Agent holds the AWS session with its own role and region; remove it\n' +
        '  endpoint: has no effect with "agent": the Agent holds the AWS session with its own role and region; remove it\n' +
        "  agent.url: must be the Agent's absolute http(s) URL, e.g. http://localhost:2772\n" +
        '  contextAttributes[1]: must be a context key (letters, digits and "_", not starting with a digit)\n',
    );
  });
});
