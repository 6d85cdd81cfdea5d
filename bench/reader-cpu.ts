/**
 * Main-thread time per poll in Chromium (BENCHMARKS.md, reader CPU; issue 10 defect 8): a
 * production page with 1,000 flags (about 97 KB of JSON) and many readers, built from today's
 * src/ and from commit 2328214 (the design before React Query became the scheduler), measured in
 * turn in one run.
 *
 * Scenarios: 1,000 `useFlags()` readers, 300 `useFlags()` readers, 1,000 `useFlag(key)` readers.
 * Polls, each measured on its own:
 * - **empty**: nothing deployed, the poll's body is empty (the control: what a poll costs when
 *   nothing arrives, timers and the harness's own probes included);
 * - **same configuration**: the same flags deployed again under a new version label, so the poll
 *   brings the whole 97 KB body, decoded, and no value changes (0 re-renders expected);
 * - **1 flag changes**: `flag0000` toggled.
 *
 * How: the emulator answers every session a 3-second interval. Right after a deployment the
 * harness reads CDP `Performance.getMetrics` (TaskDuration: the renderer main thread's time in
 * tasks), waits for the server to answer the next poll, then for the main thread to go quiet
 * (TaskDuration still for 100 ms), and reads it again: the difference is the poll's main-thread
 * time (decode, structural sharing, React Query's notifications, selects and any renders).
 * `window.__renders` counts reader renders over the same window.
 *
 *   npm run bench:reader-cpu                       (2 rounds × 3 polls of each kind per page)
 *   tsx bench/reader-cpu.ts --rounds 3 --samples 3
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { createTestEmulator } from '../src/testing/index.js';
import type { TestEmulator } from '../src/testing/index.js';
import { READER_CPU_REF, flagKey, type ReaderHook } from './pages/reader-cpu-data.js';
import { ROOT } from './size/entries.js';
import { buildPage, type BuiltPage } from './support/build-page.js';
import { launchBrowser } from './support/launch-browser.js';
import { markdownTable } from './support/markdown-table.js';
import { APPCONFIG_PATH, createPageServer, type LoggedRequest } from './support/page-server.js';
import { median } from './support/stats.js';
import { writeResults } from './support/write-results.js';

const COMMAND = 'npm run bench:reader-cpu';
/** The implementation before the rewrite (issue 10's figures were measured on it). */
export const OLD_COMMIT = '2328214';
const FLAGS = 1000;
const INTERVAL_SECONDS = 3;
/** The main thread is quiet when TaskDuration grows less than this over QUIET_STEP_MS. */
const QUIET_GROWTH_MS = 1;
const QUIET_STEP_MS = 100;
const POLL_TIMEOUT_MS = 20_000;
/** Goals of issue 10 defect 8. */
const GOAL_FLAGS_MS = 30;
/** "As cheap as before": today within this factor of 2328214 for 1,000 useFlag readers. */
const AS_CHEAP_FACTOR = 1.1;

const SCENARIOS: { hook: ReaderHook; readers: number }[] = [
  { hook: 'useFlags', readers: 1000 },
  { hook: 'useFlags', readers: 300 },
  { hook: 'useFlag', readers: 1000 },
];
const POLLS = ['empty', 'same configuration', '1 flag changes'] as const;
type Poll = (typeof POLLS)[number];
type Build = 'today' | typeof OLD_COMMIT;

interface Sample {
  build: Build;
  hook: ReaderHook;
  readers: number;
  poll: Poll;
  round: number;
  /**
   * Main-thread time over the poll's window (ms), with CDP's script, layout and style parts
   * (kept in the JSON; ScriptDuration leaves out much of the work done in promise callbacks, so
   * the report uses TaskDuration alone).
   */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  renders: number;
  /** Bytes of the poll's body as the server sent it. */
  bodyBytes: number;
}

/**
 * The deployed flags: `on` decides flag0000, the others are enabled with four attributes, about
 * 97 KB served. (AppConfig serves a disabled flag as `{ "enabled": false }`, attributes dropped,
 * so the flags are enabled to keep the body at the size the issue measured.)
 */
function flagsWith(on: boolean) {
  return Object.fromEntries(
    Array.from({ length: FLAGS }, (_, i) => [
      flagKey(i),
      {
        enabled: i === 0 ? on : true,
        variant: i % 3 ? 'treatment' : 'control',
        rollout: (i * 7) % 100,
        owner: `team-${i % 12}`,
        label: 'Readers',
      },
    ]),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Metrics = Record<
  'TaskDuration' | 'ScriptDuration' | 'LayoutDuration' | 'RecalcStyleDuration',
  number
>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => list.find((m) => m.name === name)?.value ?? 0;
  return {
    TaskDuration: value('TaskDuration'),
    ScriptDuration: value('ScriptDuration'),
    LayoutDuration: value('LayoutDuration'),
    RecalcStyleDuration: value('RecalcStyleDuration'),
  };
}

/** Reads the metrics until TaskDuration stops growing; returns the last reading. */
async function quiet(cdp: CDPSession): Promise<Metrics> {
  let last = await metrics(cdp);
  const deadline = Date.now() + POLL_TIMEOUT_MS;
  while (Date.now() < deadline) {
    await sleep(QUIET_STEP_MS);
    const next = await metrics(cdp);
    const grew = (next.TaskDuration - last.TaskDuration) * 1000;
    last = next;
    if (grew < QUIET_GROWTH_MS) return last;
  }
  throw new Error('The main thread did not go quiet.');
}

const renders = (page: Page) =>
  page.evaluate(() => (window as unknown as { __renders: number }).__renders);

const isPoll = (entry: LoggedRequest) =>
  entry.path.startsWith(`${APPCONFIG_PATH}/configuration?`) ||
  entry.path.startsWith(`${APPCONFIG_PATH}/configurationsessions?include=`);

/** Resolves with the next poll the server answers. */
function nextPoll(server: ReturnType<typeof createPageServer>): Promise<LoggedRequest> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('No poll came.'));
    }, POLL_TIMEOUT_MS);
    const stop = server.onAnswered((entry) => {
      if (!isPoll(entry)) return;
      clearTimeout(timer);
      stop();
      resolve(entry);
    });
  });
}

interface Session {
  browser: Browser;
  server: ReturnType<typeof createPageServer>;
  origin: string;
  emulator: { current: TestEmulator };
}

/** One page (one build, one scenario): warm-up polls, then `samples` of each kind of poll. */
async function measurePage(
  session: Session,
  page: BuiltPage,
  build: Build,
  scenario: { hook: ReaderHook; readers: number },
  round: number,
  samples: number,
): Promise<Sample[]> {
  const { server } = session;
  // A fresh emulator per page: a new session, the first version deployed, nothing left over.
  session.emulator.current.close();
  const emulator = createTestEmulator({
    ids: READER_CPU_REF,
    basePath: APPCONFIG_PATH,
    pollIntervalSeconds: INTERVAL_SECONDS,
    enforcePollInterval: 'requested',
  });
  session.emulator.current = emulator;
  let on = true;
  let version = 0;
  // Every deployment gets a new version label, as a release pipeline's would: the body is then
  // decoded even when its bytes repeat the last one (clients skip a body whose bytes and label
  // both repeat), so "same configuration" is a full configuration with nothing changed.
  const deploy = (poll: Poll) => {
    if (poll === '1 flag changes') on = !on;
    if (poll !== 'empty') emulator.deployFlags(flagsWith(on), { versionLabel: `v${++version}` });
  };
  deploy('same configuration');

  const context = await session.browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  try {
    await cdp.send('Performance.enable');
    const first = nextPoll(server);
    await tab.goto(
      `${session.origin}/${page.name}/?readers=${scenario.readers}&hook=${scenario.hook}`,
    );
    if ((await first).bodyBytes === 0) throw new Error('The first poll brought no configuration.');
    await tab.waitForFunction(
      (count) => (window as unknown as { __renders: number }).__renders >= count,
      scenario.readers,
    );
    await quiet(cdp);

    const out: Sample[] = [];
    const order: Poll[] = [
      'same configuration',
      '1 flag changes', // warm-up: JIT and caches, not kept
      ...Array.from({ length: samples }, () => POLLS).flat(),
    ];
    for (const [index, poll] of order.entries()) {
      deploy(poll);
      const rendersBefore = await renders(tab);
      const before = await metrics(cdp);
      const answered = await nextPoll(server);
      await sleep(QUIET_STEP_MS);
      const after = await quiet(cdp);
      const rendered = (await renders(tab)) - rendersBefore;
      if ((answered.bodyBytes === 0) !== (poll === 'empty')) {
        throw new Error(`A "${poll}" poll came with ${answered.bodyBytes} B of body.`);
      }
      if (index < 2) continue;
      const ms = (name: keyof Metrics) => (after[name] - before[name]) * 1000;
      out.push({
        build,
        ...scenario,
        poll,
        round,
        taskMs: ms('TaskDuration'),
        scriptMs: ms('ScriptDuration'),
        layoutMs: ms('LayoutDuration'),
        styleMs: ms('RecalcStyleDuration'),
        renders: rendered,
        bodyBytes: answered.bodyBytes,
      });
    }
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
    await context.close();
  }
}

/** Commit `commit`'s src/ in a git-ignored folder, so esbuild finds the repo's node_modules. */
function checkoutOld(commit: string): string {
  const dir = path.join(ROOT, 'bench/results/reader-cpu-src', commit);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const tar = execFileSync('git', ['-C', ROOT, 'archive', '--format=tar', commit, 'src'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  } catch (cause) {
    throw new Error(`Could not read commit ${commit} (a shallow clone? git fetch --unshallow).`, {
      cause,
    });
  }
  return path.join(dir, 'src');
}

const fmt = (value: number) => (Number.isNaN(value) ? '—' : `${value.toFixed(1)} ms`);

function report(samples: readonly Sample[]): string {
  const of = (build: Build, s: (typeof SCENARIOS)[number], poll: Poll) =>
    samples.filter(
      (x) => x.build === build && x.hook === s.hook && x.readers === s.readers && x.poll === poll,
    );
  const med = (set: readonly Sample[], pick: (x: Sample) => number) => median(set.map(pick));
  const rows: (string | number)[][] = [];
  const verdicts: string[] = [];
  for (const scenario of SCENARIOS) {
    const emptyToday = med(of('today', scenario, 'empty'), (x) => x.taskMs);
    const emptyOld = med(of(OLD_COMMIT, scenario, 'empty'), (x) => x.taskMs);
    for (const poll of POLLS) {
      const today = of('today', scenario, poll);
      const old = of(OLD_COMMIT, scenario, poll);
      const t = med(today, (x) => x.taskMs);
      const o = med(old, (x) => x.taskMs);
      rows.push([
        `${scenario.readers.toLocaleString('en-US')} × ${scenario.hook}${scenario.hook === 'useFlags' ? '()' : '(key)'}`,
        poll,
        today.length,
        fmt(t),
        poll === 'empty' ? '—' : fmt(t - emptyToday),
        med(today, (x) => x.renders),
        fmt(o),
        poll === 'empty' ? '—' : fmt(o - emptyOld),
        med(old, (x) => x.renders),
        (t / o).toFixed(2),
      ]);
      if (
        scenario.hook === 'useFlags' &&
        scenario.readers === 1000 &&
        poll === 'same configuration'
      ) {
        verdicts.push(
          `${t <= GOAL_FLAGS_MS ? 'PASS' : 'MISS'} 1,000 useFlags() readers, same configuration: ` +
            `${fmt(t)} of main thread per poll (goal ≤ ${GOAL_FLAGS_MS} ms; ${OLD_COMMIT}: ${fmt(o)}, ` +
            `today ÷ ${OLD_COMMIT} = ${(t / o).toFixed(3)}).`,
        );
      }
      if (scenario.hook === 'useFlag' && poll === '1 flag changes') {
        verdicts.push(
          `${t <= o * AS_CHEAP_FACTOR ? 'PASS' : 'MISS'} 1,000 useFlag readers, 1 flag changes: ` +
            `${fmt(t)} today, ${fmt(o)} on ${OLD_COMMIT} (ratio ${(t / o).toFixed(2)}; ` +
            `"as cheap as before" read as ≤ ${AS_CHEAP_FACTOR}×).`,
        );
      }
    }
  }
  const table = markdownTable(
    [
      { header: 'readers (1,000 flags)' },
      { header: 'poll' },
      { header: 'samples', align: 'right' },
      { header: 'today: main thread', align: 'right' },
      { header: 'today: − empty poll', align: 'right' },
      { header: 'today: renders', align: 'right' },
      { header: `${OLD_COMMIT}: main thread`, align: 'right' },
      { header: `${OLD_COMMIT}: − empty poll`, align: 'right' },
      { header: `${OLD_COMMIT}: renders`, align: 'right' },
      { header: `today ÷ ${OLD_COMMIT}`, align: 'right' },
    ],
    rows,
  );
  return [table, '', '```text', ...verdicts, '```'].join('\n');
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '2' },
      samples: { type: 'string', default: '3' },
    },
  });
  const rounds = Number(values.rounds);
  const samples = Number(values.samples);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`Bad --rounds "${values.rounds}".`);
  if (!Number.isInteger(samples) || samples < 1)
    throw new Error(`Bad --samples "${values.samples}".`);
  return { rounds, samples };
}

async function main(): Promise<void> {
  const { rounds, samples } = parseOptions();
  const startedAt = Date.now();
  const loadBefore = loadavg()[0]!;
  const date = new Date().toISOString();

  process.stderr.write(`Building the page from today's src/ and from ${OLD_COMMIT}…\n`);
  const entry = 'bench/pages/reader-cpu-app.tsx';
  const pages: Record<Build, BuiltPage> = {
    today: await buildPage('today', entry),
    [OLD_COMMIT]: await buildPage(`old-${OLD_COMMIT}`, entry, checkoutOld(OLD_COMMIT)),
  };
  const emulator = { current: createTestEmulator() };
  // The handler reads the current emulator at each request: each page gets a fresh one.
  const server = createPageServer({
    pages: Object.values(pages),
    emulator: { handle: (request: Request) => emulator.current.handle(request) },
  });
  let browser: Browser | undefined;
  try {
    const origin = await server.listen();
    browser = await launchBrowser();
    const session: Session = { browser, server, origin, emulator };
    const all: Sample[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const scenario of SCENARIOS) {
        // Alternate which build goes first, round by round.
        const builds: Build[] = round % 2 ? ['today', OLD_COMMIT] : [OLD_COMMIT, 'today'];
        for (const build of builds) {
          all.push(...(await measurePage(session, pages[build], build, scenario, round, samples)));
          process.stderr.write(
            `round ${round}/${rounds}: ${build}, ${scenario.readers} × ${scenario.hook} ` +
              `(${Math.round((Date.now() - startedAt) / 1000)} s)\n`,
          );
        }
      }
    }
    const loadAfter = loadavg()[0]!;
    const body = all.find((s) => s.poll !== 'empty')?.bodyBytes ?? 0;
    const markdown =
      `${report(all)}\n\n` +
      `${rounds} rounds × ${samples} polls of each kind per page and build, medians; ` +
      `${FLAGS.toLocaleString('en-US')} flags, ${body.toLocaleString('en-US')} B of JSON per body; ` +
      `poll interval ${INTERVAL_SECONDS} s; Chromium ${browser.version()}; ` +
      `${Math.round((Date.now() - startedAt) / 1000)} s in all; load average (1 min) ` +
      `${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.`;
    writeResults(
      'reader-cpu',
      COMMAND,
      markdown,
      {
        oldCommit: OLD_COMMIT,
        rounds,
        samples,
        flags: FLAGS,
        bodyBytes: body,
        intervalSeconds: INTERVAL_SECONDS,
        chromium: browser.version(),
        loadAverage1m: { before: loadBefore, after: loadAfter },
        results: all,
      },
      date,
    );
  } finally {
    await browser?.close();
    await server.close();
    emulator.current.close();
  }
}

await main();
