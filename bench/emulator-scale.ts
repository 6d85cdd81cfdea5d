/**
 * Emulator scale (issue 12 item 4): after 10k, 100k and 1M tokens issued, the heap and the CPU
 * time of one GetLatestConfiguration, which must stay flat, and the heap 25 hours later, when
 * every session has expired. In process (`emulator.handle`), on a virtual clock, so only the
 * emulator's own work is measured.
 *
 *   npm run bench:emulator-scale            (10k, 100k, 1M tokens)
 *   npm run bench:emulator-scale -- --max 100000
 */
import { parseArgs } from 'node:util';
import { createEmulator } from '../src/server/emulator/create-emulator.js';
import { markdownTable } from './support/markdown-table.js';
import { writeResults } from './support/write-results.js';

const { values } = parseArgs({ options: { max: { type: 'string' } } });
const max = Number(values.max ?? 1_000_000);
const SIZES = [10_000, 100_000, 1_000_000].filter((n) => n <= max);
/** Tokens each session spends: a start and this many polls (each issues one). */
const POLLS_PER_SESSION = 3;
const MEASURED_GETS = 5000;
const HOUR = 3_600_000;
const ORIGIN = 'http://emulator.bench';
const IDS = {
  ApplicationIdentifier: 'App',
  EnvironmentIdentifier: 'Env',
  ConfigurationProfileIdentifier: 'Flags',
};

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc (npm run bench:emulator-scale does).');
const heapMiB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 ** 2;
};

const startRequest = () =>
  new Request(`${ORIGIN}/configurationsessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(IDS),
  });
const pollRequest = (token: string) =>
  new Request(`${ORIGIN}/configuration?configuration_token=${encodeURIComponent(token)}`);

async function run(tokens: number) {
  const clock = { now: Date.UTC(2030, 0, 1) };
  const emulator = createEmulator({ now: () => clock.now, requestLogSize: 1 });
  emulator.deploy({
    application: 'App',
    environment: 'Env',
    profile: 'Flags',
    content: { a: { enabled: true } },
  });
  const baseline = heapMiB();
  const start = async () => {
    const response = await emulator.handle(startRequest());
    return ((await response.json()) as { InitialConfigurationToken: string })
      .InitialConfigurationToken;
  };
  const poll = async (token: string) => {
    const response = await emulator.handle(pollRequest(token));
    await response.arrayBuffer();
    return response.headers.get('next-poll-configuration-token')!;
  };
  // Issue `tokens` tokens: sessions of a start and three polls, spread over 23 hours.
  const sessions = Math.ceil(tokens / (1 + POLLS_PER_SESSION));
  const step = (23 * HOUR) / sessions;
  for (let i = 0; i < sessions; i++) {
    clock.now += step;
    let token = await start();
    for (let p = 0; p < POLLS_PER_SESSION; p++) token = await poll(token);
  }
  const heapAfter = heapMiB();
  // CPU per GET: fresh sessions' first polls (no replays), after a warm-up.
  const fresh: string[] = [];
  for (let i = 0; i < MEASURED_GETS * 2; i++) fresh.push(await start());
  for (const token of fresh.splice(0, MEASURED_GETS)) await poll(token);
  const cpu = process.cpuUsage();
  for (const token of fresh) await poll(token);
  const used = process.cpuUsage(cpu);
  const cpuPerGetUs = (used.user + used.system) / MEASURED_GETS;
  // 25 hours later every session is past its last token's lifetime.
  clock.now += 25 * HOUR;
  await start();
  const heapLater = heapMiB();
  emulator.close();
  return {
    tokens: sessions * (1 + POLLS_PER_SESSION),
    sessions,
    heapAfter: heapAfter - baseline,
    heapLater: heapLater - baseline,
    cpuPerGetUs,
  };
}

const rows = [];
for (const size of SIZES) {
  const result = await run(size);
  rows.push(result);
  process.stderr.write(`${size} tokens: ${JSON.stringify(result)}\n`);
}
const base = rows[0]!;
const markdown = [
  `Tokens issued in sessions of a start and ${POLLS_PER_SESSION} polls over 23 virtual hours; CPU per GET over ${MEASURED_GETS.toLocaleString('en-US')} first polls of fresh sessions (process.cpuUsage, in process); heap growth over an empty emulator after two forced GCs.`,
  '',
  markdownTable(
    [
      { header: 'tokens issued' },
      { header: 'sessions', align: 'right' },
      { header: 'heap growth MiB', align: 'right' },
      { header: 'CPU µs per GET', align: 'right' },
      { header: `CPU ratio to ${base.tokens.toLocaleString('en-US')}`, align: 'right' },
      { header: 'heap growth 25 h later MiB', align: 'right' },
    ],
    rows.map((r) => [
      r.tokens.toLocaleString('en-US'),
      r.sessions,
      r.heapAfter.toFixed(1),
      r.cpuPerGetUs.toFixed(1),
      (r.cpuPerGetUs / base.cpuPerGetUs).toFixed(2),
      r.heapLater.toFixed(1),
    ]),
  ),
].join('\n');
writeResults(
  'emulator-scale',
  'npm run bench:emulator-scale',
  markdown,
  rows,
  new Date().toISOString(),
);
