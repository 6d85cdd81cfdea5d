/**
 * Load benchmark of the proxy and the emulator (BENCHMARKS.md §6), loopback only. Five targets,
 * interleaved over several rounds (each round runs every target once, in turn), with autocannon:
 * - bare `node:http` answering the fan-out proxy's exact status, header bytes and body (the
 *   ceiling of this machine for that answer);
 * - a minimal Hono app on @hono/node-server defaults answering the same;
 * - the emulator (each request a fresh session's first poll: tokens are never replayed, so the
 *   emulator does not grow during a run);
 * - the fan-out proxy in front of a fake AWS (another emulator, in another process);
 * - the pass-through proxy in front of it (every request an AWS call through the SDK).
 * Every target answers 200 with the same 20-flag configuration. For each, req/s, the server's CPU
 * µs per request (process.cpuUsage of the process serving it; the fake AWS apart) and both as a
 * ratio to bare, per round and as the median over rounds.
 *
 *   npm run bench:proxy                                   (3 rounds × 3 s, 50 connections)
 *   tsx bench/proxy-load.ts --rounds 5 --duration 2 --connections 20
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getRequestListener } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
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
const MAX_ROUNDS = 10;
/** Fresh emulator tokens issued before each emulator run: more than a run can spend. */
const EMULATOR_TOKENS_PER_SECOND = 20_000;

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

/** Child: the two proxies in front of `upstreamUrl`, the emulator under test, bare and Hono. */
async function runTargets(upstreamUrl: string): Promise<void> {
  const common = {
    allow: [TRIPLE],
    secret: SECRET,
    region: 'us-east-1',
    endpoint: upstreamUrl,
    credentials: CREDENTIALS,
    rateLimit: false as const,
  };
  const fanOut = createProxy({ ...common, mode: 'fan-out' });
  const passThrough = createProxy({ ...common, mode: 'pass-through' });
  await Promise.all([fanOut.ready(), passThrough.ready()]);
  const emulator = createEmulator({
    cors: false,
    requestLogSize: 1,
    data: [
      { ...TRIPLE, content: CONFIGURATION, contentType: 'application/json', versionLabel: 'v1' },
    ],
  });
  const servedFanOut = await serve(fanOut.handle, { port: 0, host: '127.0.0.1' });
  const servedPassThrough = await serve(passThrough.handle, { port: 0, host: '127.0.0.1' });
  const servedEmulator = await serve(emulator.handle, { port: 0, host: '127.0.0.1' });
  const token = async (url: string) => {
    const response = await fetch(`${url}/configurationsessions`, {
      method: 'POST',
      body: START_BODY,
    });
    return ((await response.json()) as { InitialConfigurationToken: string })
      .InitialConfigurationToken;
  };
  const fanOutPath = `/configuration?configuration_token=${encodeURIComponent(await token(servedFanOut.url))}`;
  // The fan-out proxy's answer, byte for byte: bare and Hono send exactly these headers.
  const sample = await rawGet(`${servedFanOut.url}${fanOutPath}`);
  const headers = sample.headers.filter(([name]) => !/^(date|connection|keep-alive)$/i.test(name));
  const bare = createServer((_request, response) => {
    response.writeHead(200, headers.flat());
    response.end(CONFIGURATION);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const hono = new Hono().get('/configuration', (c) =>
    c.body(CONFIGURATION, 200, Object.fromEntries(headers)),
  );
  const honoServer = createServer(getRequestListener(hono.fetch));
  await new Promise<void>((resolve) => honoServer.listen(0, '127.0.0.1', resolve));
  const passThroughPath = `/configuration?configuration_token=${encodeURIComponent(await token(servedPassThrough.url))}`;
  let cpu = process.cpuUsage();
  await commands({
    ready: () => ({
      bare: `http://127.0.0.1:${(bare.address() as AddressInfo).port}/configuration`,
      bareRoot: `http://127.0.0.1:${(bare.address() as AddressInfo).port}`,
      hono: `http://127.0.0.1:${(honoServer.address() as AddressInfo).port}/configuration`,
      emulator: servedEmulator.url,
      fanOut: `${servedFanOut.url}${fanOutPath}`,
      passThrough: `${servedPassThrough.url}${passThroughPath}`,
      headerBytes: String(sample.headerBytes),
    }),
    'cpu-start': () => {
      cpu = process.cpuUsage();
      return {};
    },
    'cpu-stop': () => {
      const used = process.cpuUsage(cpu);
      return { cpuUs: used.user + used.system };
    },
    // Fresh sessions of the emulator under test, in process (no HTTP), for the next run.
    tokens: async (count: string) => {
      const tokens: string[] = [];
      for (let i = 0; i < Number(count); i++) {
        const response = await emulator.handle(
          new Request('http://bench/configurationsessions', { method: 'POST', body: START_BODY }),
        );
        tokens.push(
          ((await response.json()) as { InitialConfigurationToken: string })
            .InitialConfigurationToken,
        );
      }
      return { tokens };
    },
    stats: () => ({ fanOut: fanOut.metrics(), passThrough: passThrough.metrics() }),
  });
  fanOut.close();
  passThrough.close();
  emulator.close();
  await Promise.all([servedFanOut.close(), servedPassThrough.close(), servedEmulator.close()]);
  for (const server of [bare, honoServer]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A GET's raw header lines and their size in bytes as sent. */
async function rawGet(url: string): Promise<{ headers: [string, string][]; headerBytes: number }> {
  const { get } = await import('node:http');
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const raw = response.rawHeaders;
      const headers: [string, string][] = [];
      for (let i = 0; i < raw.length; i += 2) headers.push([raw[i]!, raw[i + 1]!]);
      response.resume();
      response.on('end', () =>
        resolve({
          headers,
          headerBytes: headers.reduce((sum, [n, v]) => sum + n.length + v.length + 4, 0),
        }),
      );
    }).on('error', reject);
  });
}

/** Answers the parent's one-word commands on stdin, one JSON line each, until stdin closes. */
async function commands(
  handlers: Record<string, (arg: string) => Line | Promise<Line>>,
): Promise<void> {
  send({ ready: await handlers.ready!('') });
  for await (const line of createInterface({ input: process.stdin })) {
    const [name, arg = ''] = line.trim().split(' ');
    const handler = handlers[name!];
    send(handler ? await handler(arg) : { error: `unknown command ${line}` });
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

interface Run {
  round: number;
  target: string;
  requestsPerSecond: number;
  cpuUsPerRequest: number;
  non2xx: number;
  errors: number;
  mismatches: number;
  awsCalls: number | undefined;
}

const TARGETS = [
  ['bare', 'bare node:http (same header bytes)'],
  ['hono', 'minimal Hono app (@hono/node-server defaults)'],
  ['bareDrivenAsEmulator', 'bare node:http, driven as the emulator'],
  ['emulator', 'emulator (fresh sessions, no replays)'],
  ['fanOut', 'fan-out proxy'],
  ['passThrough', 'pass-through proxy (→ fake AWS)'],
] as const;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function runBenchmark(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
    },
  });
  const duration = Math.min(MAX_DURATION_S, Number(values.duration ?? 3));
  const connections = Math.min(MAX_CONNECTIONS, Number(values.connections ?? 50));
  const rounds = Math.min(MAX_ROUNDS, Number(values.rounds ?? 3));
  const date = new Date().toISOString();
  // Other work on the machine moves these numbers a lot: record how busy it was.
  const loadBefore = loadavg()[0]!;

  const upstream = startChild(['--upstream']);
  const { url: upstreamUrl } = await upstream.ready();
  const child = startChild(['--targets', upstreamUrl!]);
  const urls = await child.ready();

  const measure = async (key: (typeof TARGETS)[number][0], seconds: number) => {
    let options: autocannon.Options;
    let mismatches = 0;
    if (key === 'emulator' || key === 'bareDrivenAsEmulator') {
      // Each request spends its own fresh token: no replays, nothing issued during the run.
      // Bare gets the same request stream (it ignores the path), so the emulator can be compared
      // with a server that pays for the very same client: a path per request and a body check
      // in JavaScript slow autocannon down, and on two cores the client shares the CPU.
      const { tokens } = (await child.ask(
        `tokens ${EMULATOR_TOKENS_PER_SECOND * seconds}`,
      )) as unknown as { tokens: string[] };
      let next = 0;
      options = {
        url: key === 'emulator' ? urls.emulator! : urls.bareRoot!,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              path: `/configuration?configuration_token=${encodeURIComponent(tokens[next++ % tokens.length]!)}`,
            }),
            // expectBody does not combine with `requests`: check each body here.
            onResponse: (_status, body) => {
              if (body !== CONFIGURATION) mismatches++;
            },
          },
        ],
      };
    } else {
      options = { url: urls[key]!, expectBody: CONFIGURATION };
    }
    await child.ask('cpu-start');
    const before = Number((await upstream.ask('stats')).requests);
    const result = await autocannon({
      ...options,
      connections,
      duration: seconds,
      pipelining: 1,
    });
    result.mismatches += mismatches;
    const { cpuUs } = (await child.ask('cpu-stop')) as { cpuUs: number };
    const after = Number((await upstream.ask('stats')).requests);
    return { result, cpuUs, awsCalls: after - before };
  };

  // Warm-up: every target once, 1 s, unrecorded (JIT, connection pools, the fan-out cache).
  for (const [key] of TARGETS) await measure(key, 1);
  const runs: Run[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const [key, target] of TARGETS) {
      process.stderr.write(
        `round ${round}: ${target}, ${duration} s, ${connections} connections\n`,
      );
      const { result, cpuUs, awsCalls } = await measure(key, duration);
      const requests = result['2xx'] + result.non2xx;
      runs.push({
        round,
        target,
        requestsPerSecond: result.requests.average,
        cpuUsPerRequest: cpuUs / Math.max(1, requests),
        non2xx: result.non2xx,
        errors: result.errors,
        mismatches: result.mismatches,
        awsCalls: key === 'fanOut' || key === 'passThrough' ? awsCalls : undefined,
      });
    }
  }
  const stats = await child.ask('stats');
  await child.stop();
  await upstream.stop();

  const labelOf = (key: (typeof TARGETS)[number][0]) => TARGETS.find(([k]) => k === key)![1];
  const runOf = (key: (typeof TARGETS)[number][0], round: number) =>
    runs.find((r) => r.round === round && r.target === labelOf(key))!;
  const bareOf = (round: number) => runOf('bare', round);
  const summary = TARGETS.map(([, target]) => {
    const mine = runs.filter((r) => r.target === target);
    const rps = mine.map((r) => r.requestsPerSecond / bareOf(r.round).requestsPerSecond);
    // CPU ratio: bare's µs per request over this target's, so that higher is better in both.
    const cpu = mine.map((r) => bareOf(r.round).cpuUsPerRequest / r.cpuUsPerRequest);
    return [
      target,
      Math.round(median(mine.map((r) => r.requestsPerSecond))),
      median(rps).toFixed(2),
      `${Math.min(...rps).toFixed(2)}–${Math.max(...rps).toFixed(2)}`,
      median(mine.map((r) => r.cpuUsPerRequest)).toFixed(1),
      median(cpu).toFixed(2),
      mine.reduce((sum, r) => sum + r.non2xx + r.errors + r.mismatches, 0),
      mine.some((r) => r.awsCalls !== undefined)
        ? String(mine.reduce((sum, r) => sum + (r.awsCalls ?? 0), 0))
        : '—',
    ];
  });
  const table = markdownTable(
    [
      { header: 'target' },
      { header: 'req/s (median)', align: 'right' },
      { header: 'req/s ÷ bare', align: 'right' },
      { header: 'range over rounds', align: 'right' },
      { header: 'server CPU µs/request', align: 'right' },
      { header: 'bare CPU ÷ this', align: 'right' },
      { header: 'failures', align: 'right' },
      { header: 'calls to the fake AWS', align: 'right' },
    ],
    summary,
  );
  // The emulator against bare driven by the very same client, round by round.
  const alike = runs
    .filter((r) => r.target === labelOf('emulator'))
    .map((r) => {
      const bareAlike = runOf('bareDrivenAsEmulator', r.round);
      return {
        rps: r.requestsPerSecond / bareAlike.requestsPerSecond,
        cpu: bareAlike.cpuUsPerRequest / r.cpuUsPerRequest,
      };
    });
  const alikeLine =
    `The emulator against bare node:http driven as the emulator (the same client and request stream), ` +
    `medians over rounds: req/s ÷ that bare ${median(alike.map((a) => a.rps)).toFixed(2)}, ` +
    `its CPU ÷ the emulator's ${median(alike.map((a) => a.cpu)).toFixed(2)}.`;
  const busy = `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`;
  const markdown =
    `${rounds} rounds × ${duration} s per target, interleaved (every target once per round, after a 1 s warm-up each), ${connections} connections, loopback; ratios are taken within each round, then the median over rounds; every answer is 200 with the same ${CONFIGURATION.length}-byte body and ${urls.headerBytes} bytes of headers (failures: non-2xx, errors and body mismatches); ${busy}.\n\n` +
    `${table}\n\n${alikeLine}\n`;
  writeResults('proxy-load', `npm run bench:proxy`, markdown, { runs, proxyMetrics: stats }, date);
}

const [role, arg] = process.argv.slice(2);
if (role === '--upstream') await runUpstream();
else if (role === '--targets') await runTargets(arg!);
else await runBenchmark();
