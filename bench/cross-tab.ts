/**
 * Cross-tab sharing in real Chromium (BENCHMARKS.md §7): 1, 2, 5 and 10 tabs of one origin
 * reading one session, side by side with the same tabs polling on their own (`crossTab={false}`).
 *
 * - The site: test/e2e/cross-tab-page.tsx built with esbuild (code splitting, so the cross-tab
 *   chunk loads with `import()` as in an app) and served with the emulator over HTTP on 127.0.0.1
 *   (test/e2e/cross-tab-site.ts). The emulator enforces the 15-second interval on every session
 *   and refuses reused tokens; every count is the emulator's, each request named by its tab.
 * - Per tab count: the tabs open one after the other (each waits for its first configuration), a
 *   second for the last to join, then `--intervals` intervals are counted: sessions and
 *   GetLatestConfiguration calls, with a new configuration deployed after each poll so the next
 *   one brings it. A follower's delay is the time from the leader's "poll brought a change" event
 *   to the follower's DOM showing the new flag, both on the pages' clocks
 *   (`performance.timeOrigin + performance.now()`).
 * - Handover (2 tabs or more): the leader tab is closed, up to `--handovers` times. Measured: how
 *   long until another tab holds the session's Web Lock (another page polls
 *   `navigator.locks.query()` every 5 ms), and when the next poll reaches the emulator against the
 *   time the closed leader announced (its last poll + the interval): early would be a rule broken,
 *   late is the handover's cost.
 *
 *   npm run bench:cross-tab                          (tabs 1,2,5,10; 3 intervals; 3 handovers)
 *   tsx bench/cross-tab.ts --tabs 1,3 --intervals 2 --handovers 1
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import type { CrossTabPageRecord } from '../test/e2e/cross-tab-page.js';
import {
  startCrossTabSite,
  type CrossTabSite,
  type SiteRequest,
} from '../test/e2e/cross-tab-site.js';
import { launchChromium } from '../test/e2e/launch-chromium.js';
import { markdownTable } from './support/markdown-table.js';
import { writeResults } from './support/write-results.js';

const COMMAND = 'npm run bench:cross-tab';
const INTERVAL_MS = 15_000;
/** How long a poll may take to arrive after its due time before the run calls it missing. */
const LATE_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
};
const spread = (values: readonly number[], digits = 0) => {
  if (!values.length) return '—';
  const f = (v: number) => v.toFixed(digits);
  return `${f(median(values))} ms (${f(Math.min(...values))}–${f(Math.max(...values))}, n=${values.length})`;
};

interface Run {
  tabs: number;
  crossTab: boolean;
  /** Requests while the tabs opened (their first configurations). */
  openingSessions: number;
  openingGets: number;
  /** Requests in the counted intervals. */
  sessions: number;
  gets: number;
  intervals: number;
  pollers: string[];
  /** Follower shows a deployment, after the leader's poll brought it (ms). */
  followerDelaysMs: number[];
  /** The leader's own DOM after its poll brought it (ms), for reference. */
  leaderRenderMs: number[];
  /** Leader closed → another tab holds the lock (ms). */
  lockHandoverMs: number[];
  /** Next poll at the emulator − the time the closed leader announced (ms; negative = early). */
  pollVsScheduleMs: number[];
  errors: number;
}

const getsOf = (site: CrossTabSite, from: number, to = Infinity) =>
  site.requests.filter(
    (r) => r.operation === 'GetLatestConfiguration' && r.at >= from && r.at < to,
  );
const startsOf = (site: CrossTabSite, from: number, to = Infinity) =>
  site.requests.filter(
    (r) => r.operation === 'StartConfigurationSession' && r.at >= from && r.at < to,
  );

async function nextGet(site: CrossTabSite, after: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const next = site.requests.find(
      (r) => r.operation === 'GetLatestConfiguration' && r.at > after,
    );
    if (next) return next;
    await sleep(50);
  }
  throw new Error(`No GetLatestConfiguration within ${timeoutMs} ms.`);
}

const recordOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __crossTab: CrossTabPageRecord }).__crossTab);

/** In `page`: waits until the session's lock is held by another client than `holder`. */
const waitForNewHolder = (page: Page, holder: string | undefined) =>
  page.evaluate(async (previous) => {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const { held = [] } = await navigator.locks.query();
      const lock = held.find((l) => l.name?.startsWith('appconfig-react:tabs:'));
      if (lock && lock.clientId !== previous) return { at: Date.now(), clientId: lock.clientId };
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return undefined;
  }, holder);

const holderOf = (page: Page) =>
  page.evaluate(async () => {
    const { held = [] } = await navigator.locks.query();
    return held.find((l) => l.name?.startsWith('appconfig-react:tabs:'))?.clientId;
  });

async function runTabs(
  context: BrowserContext,
  site: CrossTabSite,
  tabs: number,
  crossTab: boolean,
  intervals: number,
  handovers: number,
  version: { n: number },
): Promise<Run> {
  const pages = new Map<string, Page>();
  const prefix = `${crossTab ? 'on' : 'off'}${tabs}-`;
  const openedFrom = Date.now();
  for (let i = 1; i <= tabs; i++) {
    const name = `${prefix}${i}`;
    const page = await context.newPage();
    await page.goto(`${site.url}?tab=${name}${crossTab ? '' : '&crossTab=off'}`);
    await page
      .locator('#flag')
      .filter({ hasText: /^(on|off)$/ })
      .waitFor();
    pages.set(name, page);
  }
  await sleep(1000);
  const mine = (r: SiteRequest) => r.tab.startsWith(prefix);
  const openingSessions = startsOf(site, openedFrom).filter(mine).length;
  const openingGets = getsOf(site, openedFrom).filter(mine).length;

  // The counted intervals start at a poll (the leader's, or any tab's without sharing).
  const first = await nextGet(site, Date.now(), INTERVAL_MS + LATE_MS);
  const from = first.at;
  const to = from + intervals * INTERVAL_MS;
  const followerDelaysMs: number[] = [];
  const leaderRenderMs: number[] = [];
  const deployments: string[] = [];
  let polled = first;
  for (let i = 0; i < intervals; i++) {
    // Deployed after a poll: the next one brings it.
    version.n += 1;
    const label = `v${version.n}`;
    deployments.push(label);
    site.deploy({ banner: version.n % 2 === 0 }, label);
    polled = await nextGet(site, polled.at + INTERVAL_MS / 2, INTERVAL_MS + LATE_MS);
    const text = version.n % 2 === 0 ? 'on' : 'off';
    for (const page of pages.values()) {
      await page.locator('#flag').filter({ hasText: text }).waitFor({ timeout: 10_000 });
    }
    if (!crossTab) continue;
    const records = await Promise.all([...pages.values()].map(recordOf));
    const leader = records.find((r) => r.received.some((x) => x.versionLabel === label));
    const received = leader?.received.find((x) => x.versionLabel === label)?.at;
    if (!leader || received === undefined) throw new Error(`Nobody received ${label}.`);
    for (const record of records) {
      const shown = record.shown.filter((s) => s.text === text).at(-1)!.at;
      (record === leader ? leaderRenderMs : followerDelaysMs).push(shown - received);
    }
  }
  await sleep(Math.max(0, to - Date.now()));
  const counted = getsOf(site, from, to).filter(mine);
  const run: Run = {
    tabs,
    crossTab,
    openingSessions,
    openingGets,
    sessions: startsOf(site, from, to).filter(mine).length,
    gets: counted.length,
    intervals,
    pollers: [...new Set(counted.map((r) => r.tab))],
    followerDelaysMs,
    leaderRenderMs,
    lockHandoverMs: [],
    pollVsScheduleMs: [],
    errors: 0,
  };

  if (crossTab && handovers > 0 && tabs > 1) {
    // Just after a poll, so the leader about to close has announced its next one.
    let last = await nextGet(site, Date.now(), INTERVAL_MS + LATE_MS);
    for (let h = 0; h < Math.min(handovers, tabs - 1); h++) {
      await sleep(500);
      const watcher = [...pages.entries()].find(([name]) => name !== last.tab)![1];
      const holder = await holderOf(watcher);
      const seen = waitForNewHolder(watcher, holder);
      const closedAt = Date.now();
      await pages.get(last.tab)!.close();
      pages.delete(last.tab);
      const taken = await seen;
      if (!taken) throw new Error('No tab took the lock within 20 s.');
      run.lockHandoverMs.push(taken.at - closedAt);
      const next = await nextGet(site, last.at, INTERVAL_MS + LATE_MS);
      if (next.tab === last.tab) throw new Error('The closed tab polled.');
      run.pollVsScheduleMs.push(next.at - (last.at + INTERVAL_MS));
      last = next;
    }
  }
  run.errors = site.requests.filter((r) => mine(r) && r.status >= 400).length;
  for (const page of pages.values()) await page.close();
  // Every tab of this run closed: its lock and channel are gone before the next run.
  await sleep(500);
  return run;
}

function report(runs: readonly Run[]): string {
  const of = (tabs: number, crossTab: boolean) =>
    runs.find((r) => r.tabs === tabs && r.crossTab === crossTab);
  const counts = runs
    .filter((r) => r.crossTab)
    .map((shared) => {
      const alone = of(shared.tabs, false);
      const perInterval = shared.gets / shared.intervals;
      const alonePer = alone ? alone.gets / alone.intervals : undefined;
      return [
        shared.tabs,
        `${shared.openingSessions} + ${shared.openingGets}`,
        (shared.sessions / shared.intervals).toFixed(2),
        perInterval.toFixed(2),
        shared.pollers.length,
        alonePer === undefined ? '—' : alonePer.toFixed(2),
        alonePer === undefined ? '—' : `${(alonePer / perInterval).toFixed(1)}×`,
        shared.errors + (alone?.errors ?? 0),
      ];
    });
  const countTable = markdownTable(
    [
      { header: 'tabs', align: 'right' },
      { header: 'opening the tabs: sessions + GETs', align: 'right' },
      { header: 'sessions per interval, shared', align: 'right' },
      { header: 'GETs per interval, shared', align: 'right' },
      { header: 'tabs that polled', align: 'right' },
      { header: 'GETs per interval, crossTab={false}', align: 'right' },
      { header: 'saved', align: 'right' },
      { header: '4xx/5xx at the emulator', align: 'right' },
    ],
    counts,
  );
  const timeTable = markdownTable(
    [
      { header: 'tabs', align: 'right' },
      { header: 'follower shows a deployment after the leader got it' },
      { header: "leader's own render after its poll (reference)" },
      { header: 'leader closed → another tab holds the lock' },
      { header: 'next poll − announced time' },
    ],
    runs
      .filter((r) => r.crossTab)
      .map((r) => [
        r.tabs,
        spread(r.followerDelaysMs, 1),
        spread(r.leaderRenderMs, 1),
        spread(r.lockHandoverMs),
        spread(r.pollVsScheduleMs),
      ]),
  );
  const verdicts = runs
    .filter((r) => r.crossTab)
    .map((r) => {
      const ok =
        r.gets === r.intervals && r.sessions === 0 && r.pollers.length === 1 && r.errors === 0;
      const early = r.pollVsScheduleMs.filter((v) => v < 0).length;
      return (
        `${ok && !early ? 'PASS' : 'MISS'} ${r.tabs} tab(s): ${r.gets} GetLatestConfiguration in ` +
        `${r.intervals} intervals from ${r.pollers.length} tab, ${r.sessions} new sessions, ` +
        `${r.errors} refused requests, ${early} early polls after ${r.pollVsScheduleMs.length} handovers.`
      );
    });
  return [
    countTable,
    '',
    'Times (median, min–max, n samples):',
    '',
    timeTable,
    '',
    '```text',
    ...verdicts,
    '```',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tabs: { type: 'string', default: '1,2,5,10' },
      intervals: { type: 'string', default: '3' },
      handovers: { type: 'string', default: '3' },
    },
  });
  const tabCounts = values.tabs.split(',').map(Number);
  const intervals = Number(values.intervals);
  const handovers = Number(values.handovers);
  if (tabCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 20)) {
    throw new Error(`Bad --tabs "${values.tabs}" (1 to 20 each).`);
  }
  if (!Number.isInteger(intervals) || intervals < 1) throw new Error('Bad --intervals.');
  if (!Number.isInteger(handovers) || handovers < 0) throw new Error('Bad --handovers.');

  const startedAt = Date.now();
  const date = new Date().toISOString();
  const loadBefore = loadavg()[0]!;
  const site = await startCrossTabSite();
  const chromium = await launchChromium();
  try {
    const foreign: string[] = [];
    const origin = new URL(site.url).origin;
    chromium.context.on('request', (request) => {
      if (new URL(request.url()).origin !== origin) foreign.push(request.url());
    });
    const runs: Run[] = [];
    const version = { n: 1 };
    for (const tabs of tabCounts) {
      for (const crossTab of [true, false]) {
        process.stderr.write(`${tabs} tab(s), crossTab ${crossTab ? 'on' : 'off'}…\n`);
        runs.push(
          await runTabs(chromium.context, site, tabs, crossTab, intervals, handovers, version),
        );
      }
    }
    if (foreign.length) throw new Error(`The page asked for other origins: ${foreign.join(', ')}`);
    const page = await chromium.context.newPage();
    const cdp = await chromium.context.newCDPSession(page);
    const { product } = await cdp.send('Browser.getVersion');
    await page.close();
    const loadAfter = loadavg()[0]!;
    const markdown =
      `${report(runs)}\n\nChromium ${product}; ${intervals} intervals of 15 s counted per row, ` +
      `${Math.round((Date.now() - startedAt) / 1000)} s in all; load average (1 min) ` +
      `${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.`;
    writeResults(
      'cross-tab',
      COMMAND,
      markdown,
      { tabs: tabCounts, intervals, handovers, chromium: product, runs, requests: site.requests },
      date,
    );
  } finally {
    await chromium.close();
    await site.close();
  }
}

await main();
