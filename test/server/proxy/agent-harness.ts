/**
 * The bench of the proxy's `agent` upstream: the emulator on 127.0.0.1:0 serving the AppConfig
 * Agent's HTTP API (as the Agent's local development mode does) with the user guide's
 * multi-variant document deployed, and proxies reading from it over real HTTP. Proxy and
 * emulator share one mutable clock.
 */
import { createEmulator } from '../../../src/server/emulator/create-emulator.js';
import type { Emulator } from '../../../src/server/emulator/types.js';
import { nodeAgentRequest } from '../../../src/server/node/node-agent-request.js';
import { serve, type ServedHandler } from '../../../src/server/node/serve.js';
import { createProxy } from '../../../src/server/proxy/create-proxy.js';
import type {
  AgentUpstreamOptions,
  AppConfigProxy,
  ProxyOptions,
} from '../../../src/server/proxy/types.js';
import { UI_REFRESH, uiRefreshDoc } from '../multi-variant-fixture.js';
import { SECRET } from './proxy-harness.js';

export { UI_REFRESH };

/** The emulator as an AppConfig Agent on a real socket. */
export async function startAgent() {
  const clock = { now: Date.UTC(2030, 0, 1) };
  const emulator: Emulator = createEmulator({ now: () => clock.now });
  emulator.deploy({
    ...UI_REFRESH,
    type: 'AWS.AppConfig.FeatureFlags',
    content: uiRefreshDoc(),
    versionLabel: 'v1',
  });
  const server: ServedHandler = await serve((request) => emulator.handle(request), {
    port: 0,
    host: '127.0.0.1',
  });
  return {
    emulator,
    clock,
    server,
    /** Requests the Agent API answered. */
    agentCalls: () => emulator.requests.filter((r) => r.path.startsWith('/applications/')).length,
    close: async () => {
      emulator.close();
      await server.close();
    },
  };
}

export type Agent = Awaited<ReturnType<typeof startAgent>>;

/** A proxy reading from `agent` (one Context line per pair, through node:http); no rate limit. */
export function agentProxy(
  agent: Agent,
  options: Partial<ProxyOptions> = {},
  agentOptions: Partial<AgentUpstreamOptions> = {},
): AppConfigProxy {
  return createProxy({
    agent: { url: agent.server.url, request: nodeAgentRequest, ...agentOptions },
    allow: [UI_REFRESH],
    secret: SECRET,
    now: () => agent.clock.now,
    rateLimit: false,
    ...options,
  });
}

/** A browser's combined first call, with `context` in the body. */
export function startWith(
  proxy: Pick<AppConfigProxy, 'fetch'>,
  context: unknown,
  init: RequestInit = {},
) {
  return proxy.fetch('http://proxy.test/configurationsessions?include=configuration', {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    body: JSON.stringify({
      ApplicationIdentifier: UI_REFRESH.application,
      EnvironmentIdentifier: UI_REFRESH.environment,
      ConfigurationProfileIdentifier: UI_REFRESH.profile,
      ...(context === undefined ? {} : { Context: context }),
    }),
  });
}

/** The `_variant` of `ui_refresh` in an answer's body. */
export async function variantOf(response: Response): Promise<string | undefined> {
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${response.status}: ${text}`);
  return (JSON.parse(text) as { ui_refresh: { _variant?: string } }).ui_refresh._variant;
}
