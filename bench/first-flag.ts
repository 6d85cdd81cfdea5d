/**
 * Time to first flag (BENCHMARKS.md §4): a minimal production page in Chromium, with latency
 * injected into every AppConfig request, from navigation start to the deployed flag on screen.
 *
 * Three flows, each on the same origin as the page and on another origin (a second port of
 * 127.0.0.1), side by side in one run:
 * - **combined**: appconfig-react against our emulator, which answers the session start with the
 *   first configuration (`POST /configurationsessions?include=configuration`); also with the
 *   session started as the script runs (`preloadAppConfig`, before React renders), and with
 *   `crossTab={false}`, to show what cross-tab sharing (on by default) costs the first flag;
 * - **two-call**: the same page against the same emulator behind a wrapper that drops `?include`
 *   (a server that does not know the combined call): the client sends the start, then the GET;
 * - **one request**: a page that fetches all flags with one plain GET, the lower bound of any
 *   flag protocol (OFREP's bulk evaluation without its JSON POST).
 *
 * Each first visit is a fresh browser context (no storage, HTTP cache or CORS preflight cache).
 * The combined flow also gets a returning visit in the same context (the first visit's
 * configuration persisted in localStorage). CORS preflights are counted at the server (OPTIONS).
 *
 *   npm run bench:first-flag                              (latencies 50, 150, 300 ms; 15 runs)
 *   tsx bench/first-flag.ts --latencies 0,50,300 --runs 5
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext } from 'playwright-core';
import { createEmulator } from '../src/server/index.js';
import { featureFlagsDocument } from '../src/testing/index.js';
import {
  FLAG_SELECTOR,
  FLAG_TEXT,
  instrumentPage,
  pageFetches,
  type PageRecord,
} from './first-flag-page.js';
import { FIRST_FLAG_FLAGS, FIRST_FLAG_REF } from './pages/first-flag-data.js';
import { buildPage, type BuiltPage } from './support/build-page.js';
import { launchBrowser } from './support/launch-browser.js';
import { markdownTable } from './support/markdown-table.js';
import {
  APPCONFIG_PATH,
  FLAGS_PATH,
  TWO_CALL_PATH,
  createPageServer,
  type LoggedRequest,
  type PageServer,
} from './support/page-server.js';
import { median, percentile, range } from './support/stats.js';
import { writeResults } from './support/write-results.js';

const COMMAND = 'npm run bench:first-flag';
const FLAG_TIMEOUT_MS = 15_000;
/** Idle time before each timed navigation. */
const QUIET_MS = 100;
/** The goal: the combined flow within 1.2× the one-request baseline. */
const GOAL_RATIO = 1.2;

const FLOWS = [
  'combined',
  'combined, preloaded',
  'combined, crossTab off',
  'two-call',
  'one request',
] as const;
type Flow = (typeof FLOWS)[number];
/** The flows held to the goal: the default page, and the page that preloads its session. */
const GOAL_FLOWS: readonly Flow[] = ['combined', 'combined, preloaded'];
const ORIGINS = ['same origin', 'cross origin'] as const;
type Where = (typeof ORIGINS)[number];
type Visit = 'first' | 'returning';

interface Sample {
  flow: Flow;
  where: Where;
  visit: Visit;
  latencyMs: number;
  run: number;
  /** Navigation start → the deployed value in the DOM. */
  flagMs: number;
  /** Navigation start → `#flag` first in the DOM, and what it read then. */
  firstRenderMs: number;
  firstText: string;
  firstPaintMs: number | undefined;
  /** Navigation start → the first AppConfig (or /flags) fetch started. */
  firstRequestMs: number | undefined;
  /** AppConfig requests the server answered before the flag showed, preflights included. */
  answeredBeforeFlag: number;
  /** OPTIONS requests the server saw during the visit (CORS preflights). */
  preflights: number;
  /** The visit's AppConfig requests in order, e.g. `POST /appconfig/configurationsessions`. */
  requests: string[];
  persistedAtStart: number;
}

const isAppConfig = (path: string) =>
  [APPCONFIG_PATH, TWO_CALL_PATH, FLAGS_PATH].some(
    (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`),
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Setup {
  browser: Browser;
  server: PageServer;
  pageOrigin: string;
  apiOrigin: string;
  ours: BuiltPage;
  baseline: BuiltPage;
}

/** The path `flow`'s requests go to. */
const flowPath = (flow: Flow) =>
  flow === 'one request' ? FLAGS_PATH : flow === 'two-call' ? TWO_CALL_PATH : APPCONFIG_PATH;

/** The page URL of `flow` with AppConfig on `where`. */
function pageUrl(setup: Setup, flow: Flow, where: Where): string {
  const api = where === 'same origin' ? '' : setup.apiOrigin;
  if (flow === 'one request') {
    return `${setup.pageOrigin}/${setup.baseline.name}/?flags=${encodeURIComponent(api + FLAGS_PATH)}`;
  }
  const crossTab = flow === 'combined, crossTab off' ? '&crossTab=off' : '';
  const preload = flow === 'combined, preloaded' ? '&preload=on' : '';
  return `${setup.pageOrigin}/${setup.ours.name}/?endpoint=${encodeURIComponent(api + flowPath(flow))}${crossTab}${preload}`;
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(instrumentPage, { selector: FLAG_SELECTOR, text: FLAG_TEXT });
  return context;
}

async function visit(
  setup: Setup,
  context: BrowserContext,
  cell: { flow: Flow; where: Where; latencyMs: number },
  kind: Visit,
  run: number,
): Promise<Sample> {
  const { server } = setup;
  server.latency.ms = cell.latencyMs;
  const page = await context.newPage();
  try {
    // The previous tab's teardown is not timed with this one, and its last requests (a closed
    // tab's request may still sit in the latency) are not logged with this visit's.
    await sleep(QUIET_MS);
    while (server.inFlight() > 0) await sleep(10);
    server.clearLog();
    await page.goto(pageUrl(setup, cell.flow, cell.where), { waitUntil: 'commit' });
    await page.waitForFunction(
      () => (window as unknown as { __firstFlag?: PageRecord }).__firstFlag?.flagAt !== undefined,
      undefined,
      { timeout: FLAG_TIMEOUT_MS, polling: 50 },
    );
    const record = await page.evaluate(
      () => (window as unknown as { __firstFlag: PageRecord }).__firstFlag,
    );
    const fetches = (await page.evaluate(pageFetches)).filter((f) =>
      isAppConfig(new URL(f.url).pathname),
    );
    const flagAt = record.flagAt!;
    const flagWall = record.timeOrigin + flagAt;
    const prefix = flowPath(cell.flow);
    const log: LoggedRequest[] = server.log.filter(
      (entry) =>
        entry.path === prefix ||
        entry.path.startsWith(`${prefix}/`) ||
        entry.path.startsWith(`${prefix}?`),
    );
    return {
      ...cell,
      visit: kind,
      run,
      flagMs: flagAt,
      firstRenderMs: record.firstRenderAt!,
      firstText: record.firstText ?? '',
      firstPaintMs: record.firstPaintAt,
      firstRequestMs: fetches.length ? Math.min(...fetches.map((f) => f.startTime)) : undefined,
      answeredBeforeFlag: log.filter((entry) => entry.answeredAt <= flagWall).length,
      preflights: log.filter((entry) => entry.method === 'OPTIONS').length,
      requests: log.map((entry) => `${entry.method} ${entry.path.split('?')[0]}`),
      persistedAtStart: record.persistedAtStart,
    };
  } finally {
    await page.close();
  }
}

/** First request sent → flag on screen: the protocol's part of the time, without page start-up. */
const waitOf = (s: Sample) =>
  s.firstRequestMs === undefined ? undefined : s.flagMs - s.firstRequestMs;
const ms = (value: number) => (Number.isNaN(value) ? '—' : `${Math.round(value)} ms`);
const medianOf = (set: readonly Sample[], pick: (s: Sample) => number | undefined) =>
  median(set.map(pick).filter((v): v is number => v !== undefined));

function report(samples: readonly Sample[], latencies: readonly number[]): string {
  const of = (flow: Flow, where: Where, latency: number, kind: Visit = 'first') =>
    samples.filter(
      (s) => s.flow === flow && s.where === where && s.latencyMs === latency && s.visit === kind,
    );
  const rows: (string | number)[][] = [];
  const verdicts: string[] = [];
  for (const where of ORIGINS) {
    for (const latency of latencies) {
      const baselineSet = of('one request', where, latency);
      const baseline = medianOf(baselineSet, (s) => s.flagMs);
      const baselineWait = medianOf(baselineSet, waitOf);
      for (const flow of FLOWS) {
        const set = of(flow, where, latency);
        const flag = set.map((s) => s.flagMs);
        const wait = medianOf(set, waitOf);
        rows.push([
          where,
          `${latency} ms`,
          flow,
          set.length,
          ms(median(flag)),
          ms(percentile(flag, 90)),
          (median(flag) / baseline).toFixed(2),
          latency > 0 ? (wait / latency).toFixed(2) : '—',
          (wait / baselineWait).toFixed(2),
          range(set.map((s) => s.answeredBeforeFlag)),
          range(set.map((s) => s.preflights)),
          ms(medianOf(set, (s) => s.firstRequestMs)),
          ms(medianOf(set, (s) => s.firstRenderMs)),
          ms(medianOf(set, (s) => s.firstPaintMs)),
        ]);
        if (GOAL_FLOWS.includes(flow)) {
          const ratio = median(flag) / baseline;
          verdicts.push(
            `${ratio <= GOAL_RATIO ? 'PASS' : 'MISS'} ${where}, ${latency} ms: ${flow}, the ` +
              `first flag is ${ratio.toFixed(3)}× the one-request baseline (goal ≤ ${GOAL_RATIO}×), ` +
              `${(wait / baselineWait).toFixed(3)}× from first request to flag; ` +
              `${range(set.map((s) => s.answeredBeforeFlag))} round trip(s) before the flag, ` +
              `${range(set.map((s) => s.preflights))} preflight(s).`,
          );
        }
      }
    }
  }
  const firstTable = markdownTable(
    [
      { header: 'AppConfig on' },
      { header: 'latency per request' },
      { header: 'flow' },
      { header: 'runs', align: 'right' },
      { header: 'first flag, median', align: 'right' },
      { header: 'p90', align: 'right' },
      { header: '÷ one request', align: 'right' },
      { header: 'wait in round trips', align: 'right' },
      { header: 'wait ÷ one request', align: 'right' },
      { header: 'requests before the flag', align: 'right' },
      { header: 'preflights', align: 'right' },
      { header: 'first request sent', align: 'right' },
      { header: 'first render', align: 'right' },
      { header: 'first paint', align: 'right' },
    ],
    rows,
  );
  const returningRows = ORIGINS.flatMap((where) =>
    latencies.map((latency) => {
      const set = of('combined', where, latency, 'returning');
      const atFirstRender = set.filter(
        (s) => s.firstRenderMs === s.flagMs && s.firstText === FLAG_TEXT,
      ).length;
      verdicts.push(
        `${atFirstRender === set.length ? 'PASS' : 'MISS'} returning visit, ${where}, ` +
          `${latency} ms: the flag at first render in ${atFirstRender} of ${set.length} runs.`,
      );
      return [
        where,
        `${latency} ms`,
        set.length,
        `${atFirstRender} of ${set.length}`,
        ms(median(set.map((s) => s.flagMs))),
        range(set.map((s) => s.answeredBeforeFlag)),
        range(set.map((s) => s.persistedAtStart)),
      ];
    }),
  );
  const returningTable = markdownTable(
    [
      { header: 'returning visit (combined), AppConfig on' },
      { header: 'latency per request' },
      { header: 'runs', align: 'right' },
      { header: 'flag at first render', align: 'right' },
      { header: 'first flag, median', align: 'right' },
      { header: 'AppConfig answers before the flag', align: 'right' },
      { header: 'profiles persisted at start', align: 'right' },
    ],
    returningRows,
  );
  return [firstTable, '', returningTable, '', '```text', ...verdicts, '```'].join('\n');
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      latencies: { type: 'string', default: '50,150,300' },
      runs: { type: 'string', default: '15' },
    },
  });
  const latencies = values.latencies.split(',').map((value) => {
    const latency = Number(value);
    if (!Number.isInteger(latency) || latency < 0) throw new Error(`Bad latency "${value}".`);
    return latency;
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`Bad --runs "${values.runs}".`);
  return { latencies, runs };
}

/** The configuration's bytes as the emulator serves them, for the one-request endpoint. */
async function servedFlags(emulator: ReturnType<typeof createEmulator>): Promise<Uint8Array> {
  const response = await emulator.fetch(
    `http://emulator${APPCONFIG_PATH}/configurationsessions?include=configuration`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ApplicationIdentifier: FIRST_FLAG_REF.application,
        EnvironmentIdentifier: FIRST_FLAG_REF.environment,
        ConfigurationProfileIdentifier: FIRST_FLAG_REF.profile,
      }),
    },
  );
  if (response.status !== 200) throw new Error(`Emulator answered ${response.status}.`);
  return new Uint8Array(await response.arrayBuffer());
}

async function main(): Promise<void> {
  const { latencies, runs } = parseOptions();
  const startedAt = Date.now();
  const loadBefore = loadavg()[0]!;
  const date = new Date().toISOString();

  process.stderr.write('Building the pages…\n');
  const ours = await buildPage('ours', 'bench/pages/first-flag-app.tsx');
  const baseline = await buildPage('baseline', 'bench/pages/first-flag-baseline.tsx');
  const emulator = createEmulator({
    basePath: APPCONFIG_PATH,
    data: [
      {
        ...FIRST_FLAG_REF,
        type: 'AWS.AppConfig.FeatureFlags',
        content: featureFlagsDocument(FIRST_FLAG_FLAGS),
      },
    ],
  });
  const server = createPageServer({
    pages: [ours, baseline],
    emulator,
    flagsBody: await servedFlags(emulator),
  });
  let browser: Browser | undefined;
  try {
    const pageOrigin = await server.listen();
    const apiOrigin = await server.listen();
    browser = await launchBrowser();
    const setup: Setup = { browser, server, pageOrigin, apiOrigin, ours, baseline };

    // Untimed: every page and origin once, so the server's and browser's code paths are warm.
    for (const where of ORIGINS) {
      for (const flow of FLOWS) {
        const context = await newContext(browser);
        await visit(setup, context, { flow, where, latencyMs: 0 }, 'first', 0);
        await context.close();
      }
    }

    const samples: Sample[] = [];
    for (let run = 1; run <= runs; run++) {
      // Rotate the order each run, so no flow always follows the same one.
      const flows = FLOWS.map((_, i) => FLOWS[(i + run) % FLOWS.length]!);
      for (const latencyMs of latencies) {
        for (const where of ORIGINS) {
          for (const flow of flows) {
            const context = await newContext(browser);
            try {
              const cell = { flow, where, latencyMs };
              samples.push(await visit(setup, context, cell, 'first', run));
              if (flow === 'combined') {
                samples.push(await visit(setup, context, cell, 'returning', run));
              }
            } finally {
              await context.close();
            }
          }
        }
      }
      process.stderr.write(
        `run ${run}/${runs} done (${Math.round((Date.now() - startedAt) / 1000)} s)\n`,
      );
    }

    const loadAfter = loadavg()[0]!;
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    const markdown =
      `${report(samples, latencies)}\n\n` +
      `${runs} runs per cell, interleaved; ${seconds} s in all; Chromium ${browser.version()}; ` +
      `pages: ours ${ours.initialBytes.toLocaleString('en-US')} B min, one-request baseline ` +
      `${baseline.initialBytes.toLocaleString('en-US')} B min (React bundled in both); ` +
      `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.`;
    writeResults(
      'first-flag',
      COMMAND,
      markdown,
      {
        latenciesMs: latencies,
        runs,
        chromium: browser.version(),
        pageBytes: { ours: ours.initialBytes, baseline: baseline.initialBytes },
        durationMs: Date.now() - startedAt,
        loadAverage1m: { before: loadBefore, after: loadAfter },
        samples,
      },
      date,
    );
  } finally {
    await browser?.close();
    await server.close();
    emulator.close();
  }
}

await main();
