/**
 * `nodeAgentRequest`: the proxy's requests to an AppConfig Agent over `node:http`, sending one
 * `Context: key=value` header line per pair, exactly as the user guide's curl calls do
 * (`-H "Context: a=1" -H "Context: b=2"`). `fetch` cannot: it joins repeated headers into one
 * `Context: a=1, b=2` line, which HTTP calls equivalent but which a server reading header lines
 * one by one would take as a single pair. Whether the Agent splits such a line is not documented,
 * so in Node the proxy sends the documented form.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { AgentRequest } from '../proxy/types.js';

/** An `AgentRequest` for `createProxy({ agent: { url, request: nodeAgentRequest } })`. */
export const nodeAgentRequest: AgentRequest = (url, { headers, signal }) => {
  const target = new URL(url);
  const lines: Record<string, string[]> = {};
  for (const [name, value] of headers) (lines[name] ??= []).push(value);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const outgoing = send(target, { method: 'GET', headers: lines, signal }, (incoming) =>
      resolve(toResponse(incoming)),
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
};

function toResponse(incoming: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const status = incoming.statusCode ?? 502;
  // A body is not allowed with these statuses in a web Response.
  const empty = status === 204 || status === 304;
  if (empty) incoming.resume();
  const body = empty ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
  return new Response(body, { status, statusText: incoming.statusMessage ?? '', headers });
}
