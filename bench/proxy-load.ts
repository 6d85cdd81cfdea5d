/**
 * Load benchmark of the proxy (BENCHMARKS.md §6), loopback only. One run compares, with autocannon
 * (same connections, same duration, sequentially):
 * - a bare Node HTTP server returning the configuration's bytes (the ceiling of this machine);
 * - the emulator alone (the fake AWS behind the proxies, for reference);
 * - the fan-out proxy, in front of the emulator;
 * - the pass-through proxy, in front of the emulator (every request is an AWS call through the SDK).
 *
 * Each target answers a browser's first poll: GetLatestConfiguration with a fresh session's token,
 * a 200 with the whole configuration. Tokens may be replayed here: the fan-out proxy's are
 * stateless, and the emulator runs with `strictTokenReuse: false`. The servers run in child
 * processes (the emulator in one, the proxies and the bare server in another) so that autocannon,
 * in this process, does not share their event loop. The proxies' rate limit is off; the emulator
 * does not verify signatures (the proxy's SDK still signs every call).
 *
 *   npm run bench:proxy                       (5 s per target, 50 connections)
 *   tsx bench/proxy-load.ts --duration 3 --connections 20
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createEmulator } from '../src/server/emulator/create-emulator.js';
import { serve } from '../src/server/node/serve.js';
import { createProxy } from '../src/server/proxy/create-proxy.js';
import { markdownTable } from './support/markdown-table.js';
import { writeResults } from './support/write-results.js';

const TRIPLE = { application: 'BenchApp', environment: 'Production', profile: 'Flags' };
const START_BODY = JSON.stringify({
  ApplicationIdentifier: TRIPLE.application,
  EnvironmentIdentifier: TRIPLE.environment,
  ConfigurationProfileIdentifier: TRIPLE.profile,
});
/** 20 flags in the retrieval format: about 1 KB, a typical small flag set. */
const CONFIGURATION = JSON.stringify(
  Object.fromEntries(
    Array.from({ length: 20 }, (_, i) => [
      `feature_${String(i).padStart(2, '0')}`,
      i % 2 ? { enabled: true, variant: 'blue', rollout: 25 } : { enabled: false },
    ]),
  ),
);
// Fake credentials and a throwaway secret: the upstream is the emulator on 127.0.0.1.
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret' };
const SECRET = 'bench-proxy-secret-0123456789abcdefghijkl';
const MAX_CONNECTIONS = 50;
const MAX_DURATION_S = 10;

type Line = Record<string, unknown>;
const send = (line: Line) => process.stdout.write(`${JSON.stringify(line)}\n`);

/** Child: the emulator as the fake AWS. Counts every request it answers. */
async function runUpstream(): Promise<void> {
  let requests = 0;
  const emulator = createEmulator({
    strictTokenReuse: false,
    cors: false,
    requestLogSize: 1,
    onRequest: () => void requests++,
    data: [
      { ...TRIPLE, content: CONFIGURATION, contentType: 'application/json', versionLabel: 'v1' },
    ],
  });
  const server = await serve(emulator.handle, { port: 0, host: '127.0.0.1' });
  await commands({ ready: () => ({ url: server.url }), stats: () => ({ requests }) });
  emulator.close();
  await server.close();
}

/** Child: the two proxies in front of `upstreamUrl`, and the bare server. */
async function runTargets(upstreamUrl: string): Promise<void> {
  const common = {
    allow: [TRIPLE],
    secret: SECRET,
    region: 'us-east-1',
    endpoint: upstreamUrl,
    credentials: CREDENTIALS,
    clientConfig: { maxAttempts: 1 },
    rateLimit: false as const,
  };
  const fanOut = createProxy({ ...common, mode: 'fan-out' });
  const passThrough = createProxy({ ...common, mode: 'pass-through' });
  await Promise.all([fanOut.ready(), passThrough.ready()]);
  const bare = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(CONFIGURATION);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const servedFanOut = await serve(fanOut.handle, { port: 0, host: '127.0.0.1' });
  const servedPassThrough = await serve(passThrough.handle, { port: 0, host: '127.0.0.1' });
  const token = async (url: string) => {
    const response = await fetch(`${url}/configurationsessions`, {
      method: 'POST',
      body: START_BODY,
    });
    return ((await response.json()) as { InitialConfigurationToken: string })
      .InitialConfigurationToken;
  };
  const targets = {
    bare: `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`,
    fanOut: `${servedFanOut.url}/configuration?configuration_token=${encodeURIComponent(await token(servedFanOut.url))}`,
    passThrough: `${servedPassThrough.url}/configuration?configuration_token=${encodeURIComponent(await token(servedPassThrough.url))}`,
  };
  await commands({
    ready: () => targets,
    stats: () => ({ fanOut: fanOut.metrics(), passThrough: passThrough.metrics() }),
  });
  fanOut.close();
  passThrough.close();
  await Promise.all([servedFanOut.close(), servedPassThrough.close()]);
  bare.closeAllConnections();
  await new Promise((resolve) => bare.close(resolve));
}

/** Answers the parent's one-word commands on stdin, one JSON line each, until stdin closes. */
async function commands(handlers: Record<string, () => Line>): Promise<void> {
  send({ ready: handlers.ready!() });
  for await (const line of createInterface({ input: process.stdin })) {
    const handler = handlers[line.trim()];
    send(handler ? handler() : { error: `unknown command ${line}` });
  }
}

/** A child process speaking the line protocol above. */
function startChild(args: string[]) {
  const child: ChildProcess = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...args],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (): Promise<Line> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`child ${args.join(' ')} exited`);
    return JSON.parse(value as string) as Line;
  };
  return {
    ready: async () => (await next()).ready as Record<string, string>,
    ask: async (command: string) => {
      child.stdin!.write(`${command}\n`);
      return next();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

interface Row {
  target: string;
  result: autocannon.Result;
  awsCalls: number | undefined;
}

async function load(
  url: string,
  connections: number,
  duration: number,
): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration, pipelining: 1, expectBody: CONFIGURATION });
}

async function runBenchmark(): Promise<void> {
  const { values } = parseArgs({
    options: { duration: { type: 'string' }, connections: { type: 'string' } },
  });
  const duration = Math.min(MAX_DURATION_S, Number(values.duration ?? 5));
  const connections = Math.min(MAX_CONNECTIONS, Number(values.connections ?? 50));
  const date = new Date().toISOString();
  // Other work on the machine moves these numbers a lot: record how busy it was.
  const loadBefore = loadavg()[0]!;

  const upstream = startChild(['--upstream']);
  const { url: upstreamUrl } = await upstream.ready();
  const targetsChild = startChild(['--targets', upstreamUrl!]);
  const targets = await targetsChild.ready();
  const emulatorToken = (
    (await (
      await fetch(`${upstreamUrl}/configurationsessions`, { method: 'POST', body: START_BODY })
    ).json()) as { InitialConfigurationToken: string }
  ).InitialConfigurationToken;

  const plan: [string, string][] = [
    ['bare Node HTTP server (fixed body)', targets.bare!],
    [
      'emulator alone (the fake AWS)',
      `${upstreamUrl}/configuration?configuration_token=${encodeURIComponent(emulatorToken)}`,
    ],
    ['fan-out proxy → emulator', targets.fanOut!],
    ['pass-through proxy → emulator', targets.passThrough!],
  ];
  const rows: Row[] = [];
  for (const [target, url] of plan) {
    process.stderr.write(
      `${target}: warm-up 1 s, then ${duration} s with ${connections} connections\n`,
    );
    await load(url, connections, 1);
    const before = Number((await upstream.ask('stats')).requests);
    const result = await load(url, connections, duration);
    const after = Number((await upstream.ask('stats')).requests);
    rows.push({ target, result, awsCalls: target.includes('proxy') ? after - before : undefined });
  }
  const stats = await targetsChild.ask('stats');
  await targetsChild.stop();
  await upstream.stop();

  const table = markdownTable(
    [
      { header: 'target' },
      { header: 'req/s (mean)', align: 'right' },
      { header: 'latency p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'max ms', align: 'right' },
      { header: '2xx', align: 'right' },
      { header: 'non-2xx', align: 'right' },
      { header: 'errors', align: 'right' },
      { header: 'body mismatches', align: 'right' },
      { header: 'calls to the fake AWS', align: 'right' },
    ],
    rows.map(({ target, result, awsCalls }) => [
      target,
      Math.round(result.requests.average),
      result.latency.p50,
      result.latency.p99,
      result.latency.max,
      result['2xx'],
      result.non2xx,
      result.errors,
      result.mismatches,
      awsCalls === undefined ? '—' : awsCalls,
    ]),
  );
  const busy = `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`;
  const markdown =
    `${connections} connections, ${duration} s per target after a 1 s warm-up, loopback, one target at a time; ${busy}.\n\n` +
    `${table}\n`;
  writeResults('proxy-load', `npm run bench:proxy`, markdown, { rows, proxyMetrics: stats }, date);
}

const [role, arg] = process.argv.slice(2);
if (role === '--upstream') await runUpstream();
else if (role === '--targets') await runTargets(arg!);
else await runBenchmark();
