/**
 * CPU profile of the fan-out proxy's GET (BENCHMARKS.md §6): the proxy on 127.0.0.1 in this
 * process, under `node --cpu-prof`, loaded by autocannon in a child process for a few seconds;
 * then the profile's top frames by self time, grouped by where they live. With `emulator` after
 * the seconds, the emulator's GetLatestConfiguration instead (one first-poll token replayed, with
 * `strictTokenReuse: false`: each answer is a first poll's, the whole body and a new token).
 *
 *   npm run bench:proxy-profile                 (writes bench/results/proxy-profile-after.md)
 *   npm run bench:emulator-profile              (writes bench/results/emulator-profile-after.md)
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator } from '../src/server/emulator/create-emulator.js';
import { serve } from '../src/server/node/serve.js';
import { createProxy } from '../src/server/proxy/create-proxy.js';
import { markdownTable } from './support/markdown-table.js';
import { writeResults } from './support/write-results.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TRIPLE = { application: 'BenchApp', environment: 'Production', profile: 'Flags' };
const CONFIGURATION = new TextEncoder().encode(
  JSON.stringify(
    Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, { enabled: i % 2 === 0 }])),
  ),
);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame lives: our code, Hono, the Node adapter, undici (web objects), Node, V8. */
function area(url: string, name: string): string {
  if (url.includes('/src/server/')) return 'appconfig-react';
  if (url.includes('@hono/node-server')) return '@hono/node-server';
  if (url.includes('/hono/')) return 'hono';
  if (url.includes('undici') || url.includes('internal/deps/undici'))
    return 'undici (Request/Response/Headers)';
  if (url.includes('webstreams') || url.includes('web/streams')) return 'web streams';
  if (url.includes('crypto')) return 'node:crypto';
  if (url.startsWith('node:') || url.includes('internal/')) return 'node internals';
  if (name === '(garbage collector)') return 'GC';
  if (name === '(program)' || name === '(idle)') return name;
  return url ? 'other' : 'native / V8';
}

/** The top frames by self time, and the share of each area. */
export function summarise(profile: Profile, top = 15) {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const idle = [...self].filter(([id]) => byNode.get(id)!.callFrame.functionName === '(idle)');
  const total = [...self.values()].reduce((a, b) => a + b, 0) - idle.reduce((a, [, t]) => a + t, 0);
  const frames = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, time] of self) {
    const { functionName, url, lineNumber } = byNode.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const file = url.replace(/^.*\/(node_modules\/|src\/)/, '$1');
    const key =
      `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    frames.set(key, (frames.get(key) ?? 0) + time);
    const where = area(url, functionName);
    areas.set(where, (areas.get(where) ?? 0) + time);
  }
  const share = (t: number) => `${((100 * t) / total).toFixed(1)}%`;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    frames: sorted(frames)
      .slice(0, top)
      .map(([k, t]) => [k, share(t)]),
    areas: sorted(areas).map(([k, t]) => [k, share(t)]),
  };
}

/** The load: autocannon on `url` for `seconds`, in a child process. */
function load(url: string, seconds: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(
      path.join(HERE, '../node_modules/.bin/autocannon'),
      ['-c', '20', '-d', String(seconds), url],
      { stdio: 'ignore' },
    );
    child.on('exit', () => resolve());
    child.on('error', reject);
  });
}

const START_BODY = JSON.stringify({
  ApplicationIdentifier: TRIPLE.application,
  EnvironmentIdentifier: TRIPLE.environment,
  ConfigurationProfileIdentifier: TRIPLE.profile,
});

/** A first-poll URL of a fresh session of the server at `base`. */
async function firstPollUrl(base: string): Promise<string> {
  const started = await fetch(`${base}/configurationsessions`, {
    method: 'POST',
    body: START_BODY,
  });
  const { InitialConfigurationToken: token } = (await started.json()) as {
    InitialConfigurationToken: string;
  };
  return `${base}/configuration?configuration_token=${encodeURIComponent(token)}`;
}

async function profileEmulator(seconds: number) {
  let answered = 0;
  const emulator = createEmulator({
    cors: false,
    strictTokenReuse: false,
    requestLogSize: 1,
    onRequest: () => void answered++,
    data: [{ ...TRIPLE, content: CONFIGURATION, contentType: 'application/json' }],
  });
  const server = await serve(emulator.handle, { port: 0 });
  await load(await firstPollUrl(server.url), seconds);
  process.stderr.write(`emulator requests answered: ${answered}\n`);
  await server.close();
  emulator.close();
}

async function main() {
  const seconds = Number(process.argv[2] ?? 5);
  if (process.argv[3] === 'emulator') return profileEmulator(seconds);
  const client = {
    async send(command: object) {
      return command.constructor.name === 'StartConfigurationSessionCommand'
        ? { InitialConfigurationToken: 'AYADupstream' }
        : {
            NextPollConfigurationToken: 'AYADupstream-next',
            NextPollIntervalInSeconds: 60,
            ContentType: 'application/json',
            Configuration: CONFIGURATION,
          };
    },
  };
  const proxy = createProxy({
    allow: [TRIPLE],
    secret: 'bench-proxy-secret-0123456789abcdefghijkl',
    client,
    rateLimit: false,
  });
  const server = await serve(proxy.handle, { port: 0 });
  await load(await firstPollUrl(server.url), seconds);
  const { requests, responses } = proxy.metrics();
  process.stderr.write(`fan-out GETs served: ${requests} (${JSON.stringify(responses)})\n`);
  await server.close();
  proxy.close();
}

if (process.argv[2] === '--summarise') {
  // After `node --cpu-prof`: summarise the main thread's profile. tsx's loader thread writes one
  // too; the main thread is the one whose samples run our files.
  const dir = process.argv[3]!;
  const label = process.argv[4] ?? 'profile';
  const name = process.argv[5] ?? 'proxy';
  const ours = (profile: Profile) => {
    const running = new Set(
      profile.nodes.filter((n) => n.callFrame.url.includes('/src/server/')).map((n) => n.id),
    );
    return profile.samples.filter((id) => running.has(id)).length;
  };
  const main = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Profile)
    .sort((a, b) => ours(b) - ours(a))[0]!;
  const { frames, areas } = summarise(main);
  const markdown =
    `Top frames by self time (${label}; share of non-idle samples):\n\n` +
    markdownTable([{ header: 'frame' }, { header: 'self', align: 'right' }], frames) +
    `\n\nBy area:\n\n` +
    markdownTable([{ header: 'area' }, { header: 'self', align: 'right' }], areas);
  writeResults(
    `${name}-profile-${label}`,
    `npm run bench:${name}-profile`,
    markdown,
    { frames, areas },
    new Date().toISOString(),
  );
} else {
  await main();
}
