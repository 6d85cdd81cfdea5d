/**
 * The `agent` upstream: an AWS AppConfig Agent (or its Lambda extension) over its HTTP API,
 * `GET {url}/applications/{app}/environments/{env}/configurations/{profile}` with one
 * `Context: key=value` header per pair (user guide, "Retrieving basic and multi-variant feature
 * flags"). The Agent holds the AWS session, polls AWS in the background and answers from memory,
 * evaluating multi-variant flags for the context it is given. Only the options choose where the
 * request goes: nothing from a browser but validated identifiers and checked context values.
 */
import type { RuleContext } from '../rules/rule-types.js';
import { contextHeaders } from './context-policy.js';
import type { AgentRequest, AgentUpstreamOptions } from './types.js';
import type { UpstreamIds, UpstreamObserver } from './upstream.js';
import { UpstreamFailureError, type UpstreamFailure } from './upstream-errors.js';

/**
 * Largest Agent answer read, in bytes: above any hosted configuration AppConfig accepts (1 MB in
 * the 2023 guide, 2 MB in newer ones). A larger one is a failed call; the last good copy stays.
 */
export const AGENT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The Agent's version-label header. Its exact name is UNVERIFIED (docs/variants.md). */
const VERSION_LABEL = 'version-label';

/** An Agent answer. */
export interface AgentAnswer {
  body: Uint8Array;
  contentType: string;
  versionLabel: string | undefined;
}

/** Error types of the Agent's OpenAPI page, by status; others are named after the status. */
const ERROR_NAMES: Record<number, string> = {
  400: 'BadRequestException',
  404: 'ResourceNotFoundException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  502: 'BadGatewayException',
  504: 'GatewayTimeoutException',
};

/** `fetch`, sending `headers` as given (fetch joins repeated names into one line). */
export const fetchAgentRequest: AgentRequest = (url, { headers, signal }) =>
  fetch(url, {
    headers: headers.map(([name, value]) => [name, value] as [string, string]),
    signal,
    // The Agent answers itself; a redirect would send the request (and a token) elsewhere.
    redirect: 'error',
  });

export interface AgentUpstreamSettings extends Required<Pick<AgentUpstreamOptions, 'url'>> {
  accessToken: string | undefined;
  request: AgentRequest;
  timeoutMs: number;
}

export function createAgentUpstream(
  settings: AgentUpstreamSettings,
  now: () => number,
  observe: UpstreamObserver,
) {
  const base = settings.url.replace(/\/+$/, '');

  async function call(ids: UpstreamIds, context: RuleContext): Promise<AgentAnswer> {
    const url =
      `${base}/applications/${encodeURIComponent(ids.ApplicationIdentifier)}` +
      `/environments/${encodeURIComponent(ids.EnvironmentIdentifier)}` +
      `/configurations/${encodeURIComponent(ids.ConfigurationProfileIdentifier)}`;
    const headers: [string, string][] = contextHeaders(context);
    if (settings.accessToken) headers.push(['Authorization', `Bearer ${settings.accessToken}`]);
    const signal = AbortSignal.timeout(settings.timeoutMs);
    let response: Response;
    try {
      response = await settings.request(url, { headers, signal });
    } catch (error) {
      // Whatever the request function throws: our own timeout, or the network.
      const name = signal.aborted ? 'TimeoutError' : 'NetworkError';
      throw new UpstreamFailureError(
        { kind: 'failed', name },
        `The Agent at ${base} could not be reached: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const body = await readBody(response, signal);
    if (!response.ok) throw agentError(response, body);
    const contentType = response.headers.get('content-type') || 'application/octet-stream';
    if (/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType) && !isJson(body)) {
      throw new UpstreamFailureError(
        { kind: 'failed', name: 'InvalidUpstreamResponse' },
        `The Agent answered ${contentType} that is not JSON.`,
      );
    }
    return {
      body,
      contentType,
      versionLabel: response.headers.get(VERSION_LABEL) || undefined,
    };
  }

  return {
    /** The configuration evaluated for `context`. `label` names it in logs. */
    async get(ids: UpstreamIds, context: RuleContext, label: string): Promise<AgentAnswer> {
      const started = now();
      try {
        const answer = await call(ids, context);
        observe({
          operation: 'AgentGetConfiguration',
          configuration: label,
          ok: true,
          durationMs: now() - started,
        });
        return answer;
      } catch (error) {
        observe({
          operation: 'AgentGetConfiguration',
          configuration: label,
          ok: false,
          durationMs: now() - started,
          error,
        });
        throw error;
      }
    },
  };
}

export type AgentUpstream = ReturnType<typeof createAgentUpstream>;

/** The body, at most AGENT_MAX_BODY_BYTES. @throws UpstreamFailureError */
async function readBody(response: Response, signal: AbortSignal): Promise<Uint8Array> {
  const tooLarge = () =>
    new UpstreamFailureError(
      { kind: 'failed', name: 'InvalidUpstreamResponse' },
      `The Agent's answer is larger than ${AGENT_MAX_BODY_BYTES} bytes.`,
    );
  const declared = Number(response.headers.get('content-length'));
  if (declared > AGENT_MAX_BODY_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > AGENT_MAX_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof UpstreamFailureError) throw error;
    const name = signal.aborted ? 'TimeoutError' : 'NetworkError';
    throw new UpstreamFailureError(
      { kind: 'failed', name },
      `Reading the Agent's answer failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function isJson(body: Uint8Array): boolean {
  try {
    JSON.parse(decoder.decode(body));
    return true;
  } catch {
    return false;
  }
}

const RESOURCE_TYPES = new Set([
  'Application',
  'ConfigurationProfile',
  'Deployment',
  'Environment',
  'Configuration',
]);

/** The failure an Agent error answer means. Its body is read for the operators' log only. */
function agentError(response: Response, body: Uint8Array): UpstreamFailureError {
  const { status } = response;
  const name =
    response.headers.get('x-amzn-errortype')?.split(':')[0] ||
    ERROR_NAMES[status] ||
    `Http${status}`;
  let detail: { Message?: unknown; message?: unknown; ResourceType?: unknown } = {};
  try {
    detail = Object(JSON.parse(decoder.decode(body))) as typeof detail;
  } catch {
    // Not JSON: the status says enough.
  }
  const said = detail.Message ?? detail.message;
  const message = `The Agent answered ${status} ${name}${typeof said === 'string' ? `: ${said.slice(0, 200)}` : ''}`;
  let failure: UpstreamFailure;
  if (status === 404) {
    const resourceType =
      typeof detail.ResourceType === 'string' && RESOURCE_TYPES.has(detail.ResourceType)
        ? (detail.ResourceType as Extract<UpstreamFailure, { kind: 'not-found' }>['resourceType'])
        : undefined;
    failure = resourceType
      ? { kind: 'not-found', name, resourceType }
      : { kind: 'not-found', name };
  } else if (status === 429) {
    failure = { kind: 'throttled', name };
  } else {
    failure = { kind: 'failed', name, status };
  }
  return new UpstreamFailureError(failure, message);
}
