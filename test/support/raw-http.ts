/**
 * Raw HTTP/1.1 for the fast-path tests (test/server/proxy/fast-path.test.ts and
 * test/server/emulator-fast-path.test.ts): a handler served twice, with its Node fast path
 * (counted) and without, gets the same requests over plain sockets and must send the same bytes,
 * the Date and the random request ID apart.
 */
import { connect } from 'node:net';
import { expect } from 'vitest';
import { serve, type ServedHandler, type ServeRequestInfo } from '../../src/server/node/serve.js';
import { attachFastPath, fastPathOf } from '../../src/server/shared/fast-path.js';

/** The Host every request names. */
export const HOST = 'server.test:8080';

/** One raw HTTP/1.1 exchange; the whole answer as sent (the server closes after it). */
export function exchange(port: number, head: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}

/** The answer with its Date and request ID (random in both) made equal. */
export const comparable = (raw: Buffer) =>
  raw
    .toString('latin1')
    .replace(/^Date: .*$/im, 'Date: -')
    .replace(/^x-amzn-RequestId: .*$/im, 'x-amzn-RequestId: -');

type Handler = (request: Request, info: ServeRequestInfo) => Promise<Response>;

/** Requests a fast path answered itself. */
export interface FastCounter {
  answered: number;
}

/**
 * Serves `handle` on a free port: with `fastPath`, its own fast path counted in `counter` (the
 * tests must see it answer the hot requests); without, every request goes to the handler.
 */
export function serveCounted(
  handle: Handler,
  fastPath: boolean,
  counter: FastCounter,
): Promise<ServedHandler> {
  let handler = handle;
  const fast = fastPathOf(handle);
  if (fastPath && fast) {
    handler = (request, info) => handle(request, info);
    attachFastPath(handler, (request) => {
      const result = fast(request);
      if (result) counter.answered++;
      return result;
    });
  }
  return serve(handler, { port: 0, host: '127.0.0.1', fastPath });
}

/** One server of a pair and what the test keeps of it. */
export interface Side {
  served: ServedHandler;
}

/** A handler served with its fast path (`fast`) and without (`slow`). */
export interface Pair<S extends Side> {
  fast: S;
  slow: S;
  /** Requests the fast path answered itself. */
  answeredFast: () => number;
}

/** Makes both sides with `side` (which serves with `serveCounted` and the counter given). */
export async function servePair<S extends Side>(
  side: (fastPath: boolean, counter: FastCounter) => Promise<S>,
): Promise<Pair<S>> {
  const counter = { answered: 0 };
  const fast = await side(true, counter);
  const slow = await side(false, counter);
  return { fast, slow, answeredFast: () => counter.answered };
}

/** Stops both sides' handlers with `stop`, then both servers. */
export async function closePair<S extends Side>(p: Pair<S>, stop: (side: S) => void) {
  for (const side of [p.fast, p.slow]) {
    stop(side);
    await side.served.close();
  }
}

/** Sends `head` to both servers, in turn; expects the same bytes; returns the answer as text. */
export async function same(p: Pair<Side>, head: string): Promise<string> {
  const fast = comparable(await exchange(p.fast.served.port, head));
  const slow = comparable(await exchange(p.slow.served.port, head));
  expect(fast).toBe(slow);
  return fast;
}

export const get = (target: string, headers: string[] = []) =>
  [`GET ${target} HTTP/1.1`, `Host: ${HOST}`, ...headers, 'Connection: close', '', ''].join('\r\n');

export const post = (target: string, body: string, headers: string[] = []) =>
  [
    `POST ${target} HTTP/1.1`,
    `Host: ${HOST}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...headers,
    'Connection: close',
    '',
    body,
  ].join('\r\n');

/** A StartConfigurationSession body for `triple`. */
export const startBody = (
  triple: { application: string; environment: string; profile: string },
  extra: Record<string, unknown> = {},
) =>
  JSON.stringify({
    ApplicationIdentifier: triple.application,
    EnvironmentIdentifier: triple.environment,
    ConfigurationProfileIdentifier: triple.profile,
    ...extra,
  });

export const bodyOf = (answer: string) => answer.slice(answer.indexOf('\r\n\r\n') + 4);
export const tokenOf = (answer: string, name = 'InitialConfigurationToken') =>
  (JSON.parse(bodyOf(answer)) as Record<string, string>)[name]!;
export const nextOf = (answer: string) =>
  /^next-poll-configuration-token: (.*)$/im.exec(answer)![1]!;
export const statusOf = (answer: string) => Number(answer.split(' ')[1]);
export const poll = (token: string, base = '') =>
  `${base}/configuration?configuration_token=${encodeURIComponent(token)}`;

/**
 * Request targets around a poll of `token` that a fast path must leave to the handler, or read
 * exactly as the handler does: bad tokens and queries, odd paths and encodings.
 */
export const ODD_TARGETS: [string, (token: string) => string][] = [
  ['a corrupted token', (token) => poll(`${token.slice(0, -4)}AAAA`)],
  ['no token', () => '/configuration'],
  ['an empty token', () => '/configuration?configuration_token='],
  ['a token with a space', () => '/configuration?configuration_token=a%20b'],
  [
    'an unencoded token (+ reads as a space)',
    (token) => `/configuration?configuration_token=${token}`,
  ],
  [
    'a malformed escape',
    (token) => `/configuration?configuration_token=%zz${encodeURIComponent(token)}`,
  ],
  [
    'an escaped name',
    (token) => `/configuration?configuration%5Ftoken=${encodeURIComponent(token)}`,
  ],
  ['a repeated parameter (the first counts)', (token) => `${poll(token)}&configuration_token=x`],
  [
    'a repeated parameter, bad first',
    (token) => `/configuration?configuration_token=x&${poll(token).split('?')[1]}`,
  ],
  ['another parameter first', (token) => `/configuration?a=1&b&${poll(token).split('?')[1]}`],
  ['a fragment', (token) => `${poll(token)}#x`],
  ['a dot segment', (token) => `/x/..${poll(token)}`],
  ['a trailing slash', (token) => poll(token).replace('/configuration', '/configuration/')],
  ['another case', (token) => poll(token).replace('/configuration', '/Configuration')],
  ['an escaped path', (token) => poll(token).replace('/configuration', '/configur%61tion')],
  ['an absolute-form target', (token) => `http://${HOST}${poll(token)}`],
  ['an unknown path', () => '/nothing'],
  ['a quote in the query (encoded by new URL)', (token) => `${poll(token)}&x='y'`],
  ['a bar and braces in the query', (token) => `${poll(token)}&x=|{}`],
  [
    'escapes in the path',
    (token) => `/%63onfiguration?configuration_token=${encodeURIComponent(token)}`,
  ],
];

/** Host headers a fast path must read as the adapter does (no port, case, IPv4 spellings). */
export const ODD_HOSTS = [
  'server.test',
  'SERVER.test:8080',
  '127.0.0.1:9',
  '127.0.0.1:8080',
  '2130706433:8080',
  '0x7f.1:8080',
  '127.1:8080',
  '127.0.0.1.:8080',
  '010.0.0.1:8080',
  'xn--nxasmq6b.example:8080',
  'xn--a:8080',
];
