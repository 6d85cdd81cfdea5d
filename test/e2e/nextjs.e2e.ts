/**
 * The Next.js App Router example (examples/nextjs) built with `next build`, served by `next start`
 * on 127.0.0.1 over a copy of its data folder, and driven in Chromium:
 * - the server HTML carries the prefetched flags, the free-form settings, the Suspense flag
 *   (never its fallback) and the Flags SDK's decision;
 * - hydration keeps every server-rendered state, with no console warning or error and no page
 *   error (React's #418, #419, #425… are page errors or console errors in a production build);
 * - a data file edited on disk shows on screen at the browser's next poll, and no request goes
 *   to /appconfig before AppConfig allows it (each session's chain followed through its tokens;
 *   zero "Request too early", zero error answers);
 * - the Flags SDK's server decision follows a deployment, and a persisted value older than the
 *   server's never shows.
 * A screenshot is kept in test-results/nextjs.png.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedChromium } from './launch-chromium.js';
import {
  EXAMPLE,
  ROOT,
  buildNextExample,
  startNextExample,
  type NextServer,
} from './next-example.js';
import { recordAppConfigTraffic, type AppConfigTraffic } from './record-appconfig-traffic.js';
import { readDomStates, recordDomStates, statesOf } from './record-dom-states.js';

/** The interval the example's emulator announces (lib/appconfig-service.ts), checked per poll. */
const INTERVAL_MS = 2_000;
/** A deployment reaches the screen within one interval; allow for a slow, shared machine. */
const NEXT_POLL_MS = INTERVAL_MS + 8_000;
/** Timestamps come from the test's and the page's event loops: allow this much skew. */
const CLOCK_SLACK_MS = 250;
/**
 * Slack on each measured wait between polls, for events reaching the test late on a busy machine.
 * The exact rule is the emulator's: it holds every session to its interval
 * (`enforcePollInterval: 'always'`), so an early poll gets "Request too early" (400), and the test
 * allows no error answer at all.
 */
const WAIT_SLACK_MS = 500;
const TEST_IDS = ['beta-banner', 'checkout', 'checkout-fallback', 'summer-sale'];

let chromium: LaunchedChromium | undefined;
let server: NextServer | undefined;
let dataDir: string;
let flagsFile: string;
let lastPage: Page | undefined;

beforeAll(async () => {
  chromium = await launchChromium(); // first: says how to install Chromium when it is missing
  await recordDomStates(chromium.context, TEST_IDS);
  await buildNextExample();
  dataDir = await mkdtemp(join(tmpdir(), 'appconfig-nextjs-'));
  await cp(join(EXAMPLE, 'appconfig-data'), dataDir, { recursive: true });
  flagsFile = join(dataDir, 'NextShop/Development/Flags.json');
  server = await startNextExample({ APPCONFIG_DATA_DIR: dataDir });
}, 600_000);

afterAll(async () => {
  if (lastPage && !lastPage.isClosed()) {
    const results = join(ROOT, 'test-results');
    await mkdir(results, { recursive: true });
    await lastPage
      .screenshot({ path: join(results, 'nextjs.png'), fullPage: true })
      .catch(() => {});
  }
  await chromium?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Waits until `read()` satisfies `ok`, or fails saying what was expected and what was seen. */
async function waitFor<T>(
  what: string,
  read: () => Promise<T> | T,
  ok: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface FlagValues {
  betaBanner: { enabled: boolean };
  newCheckout: { enabled: boolean; maxItems?: number };
  summerSale: { enabled: boolean; discount?: number };
}

/** Edits the flags' data file as a developer would; the example's watcher deploys it. */
async function editFlags(edit: (values: FlagValues) => void): Promise<void> {
  const document = JSON.parse(await readFile(flagsFile, 'utf8')) as { values: FlagValues };
  edit(document.values);
  await writeFile(flagsFile, `${JSON.stringify(document, null, 2)}\n`);
}

/** A page with its AppConfig traffic, console messages and page errors recorded. */
async function openPage() {
  const page = await chromium!.context.newPage();
  lastPage = page;
  const traffic: AppConfigTraffic = recordAppConfigTraffic(page);
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (
      message.type() === 'error' ||
      message.type() === 'warning' ||
      /hydrat|Minified React error|react\.dev\/errors/i.test(text)
    ) {
      problems.push(`console.${message.type()}: ${text}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${String(error)}`));
  return { page, traffic, problems };
}

/** Resolves once React owns the server-rendered banner (hydrated, not client-rendered anew). */
const hydrated = (page: Page) =>
  page.waitForFunction(() => {
    const banner = document.querySelector('[data-testid="beta-banner"]');
    return !!banner && Object.keys(banner).some((key) => key.startsWith('__reactFiber'));
  });

/**
 * Resolves once both sessions started and nothing was in flight for a second: the first
 * configuration of each is in (with the start, or by the poll right after it).
 */
async function sessionsStarted(traffic: AppConfigTraffic) {
  const quiet = () =>
    traffic.exchanges.filter((e) => e.operation === 'StartConfigurationSession').length === 2 &&
    traffic.exchanges.every((e) => e.answeredAt !== undefined && Date.now() - e.answeredAt > 1_000);
  await waitFor('both sessions to start and settle', quiet, (done) => done);
}

/**
 * Every session followed through its tokens: no token twice, no poll before it was due, and (over
 * `minWaits` intervals at least) one poll per interval, not fewer.
 */
async function expectChainsKept(traffic: AppConfigTraffic, minWaits = 0) {
  await traffic.settled();
  expect(
    traffic.exchanges.filter((e) => e.status === undefined || e.status >= 400),
    'AppConfig error answers (e.g. Request too early)',
  ).toEqual([]);
  const sessions = traffic.sessions();
  expect(sessions.map((s) => s.profile).sort()).toEqual(['Flags', 'Settings']);
  for (const session of sessions) {
    // The first configuration came with the session start (a combined first call) or by a poll.
    const answers =
      session.start.intervalSeconds === undefined
        ? session.polls
        : [session.start, ...session.polls];
    expect(
      answers.length,
      `${session.profile} answers with a configuration`,
    ).toBeGreaterThanOrEqual(1);
    expect(answers.every((answer) => answer.intervalSeconds === INTERVAL_MS / 1000)).toBe(true);
    expect(
      session.waitsMs.length,
      `${session.profile} polls after the first`,
    ).toBeGreaterThanOrEqual(minWaits);
    for (const waited of session.waitsMs) {
      expect(waited, `${session.profile}: ms between an answer and the next poll`).toBeGreaterThan(
        INTERVAL_MS - WAIT_SLACK_MS,
      );
      // Timers of a busy machine run late, but a poll is never skipped.
      expect(waited, `${session.profile}: ms between an answer and the next poll`).toBeLessThan(
        INTERVAL_MS + 2_000,
      );
    }
  }
  return sessions;
}

describe('Next.js example (next build, next start) in Chromium', () => {
  it('renders the prefetched flags and the Flags SDK decision into the server HTML', async () => {
    const html = await (await fetch(server!.url)).text();
    const markup = /<main>.*<\/main>/s.exec(html)?.[0] ?? '';
    expect(markup).toContain('<h1 data-testid="welcome">Welcome to the Next.js shop</h1>');
    expect(markup).toContain('<p data-testid="beta-banner" data-state="off">No beta running.</p>');
    // useSuspenseFlag rendered on the server from the prefetched data: a completed boundary
    // (`<!--$-->`), not a fallback waiting for the browser (`<!--$?-->` or `<!--$!-->`).
    expect(markup).toContain('<!--$--><p data-testid="checkout" data-state="on">');
    expect(markup).not.toContain('checkout-fallback');
    // Decided on the server by the Flags SDK through the OpenFeature provider (a flag and an
    // attribute of it).
    expect(markup).toContain('Summer sale: 20% off everything');
    // The dehydrated query travels in the RSC payload, marked as the server's.
    expect(html).toMatch(/\\"source\\":\\"server\\"/);
  });

  it('hydrates without a warning and shows a deployment at the next poll, never polling early', async () => {
    const { page, traffic, problems } = await openPage();
    await page.goto(server!.url);
    await hydrated(page);
    // The first answers bring the configuration the server had: no re-render.
    await sessionsStarted(traffic);

    let states = await readDomStates(page);
    expect(statesOf(states, 'beta-banner')).toEqual(['off']);
    expect(statesOf(states, 'checkout')).toEqual(['on']);
    expect(statesOf(states, 'checkout-fallback')).toEqual([]);
    expect(statesOf(states, 'summer-sale')).toEqual(['on']);
    expect(await page.getByTestId('welcome').innerText()).toBe('Welcome to the Next.js shop');

    const editedAt = Date.now();
    await editFlags((values) => {
      values.betaBanner.enabled = true;
    });
    // When the watcher has deployed it, the server renders it (a new session sees it at once).
    await waitFor(
      'the server to render the edited file',
      async () => (await fetch(server!.url)).text(),
      (html) => html.includes('data-testid="beta-banner" data-state="on"'),
    );
    const deployedBy = Date.now();
    states = await waitFor(
      'the beta banner after the next poll',
      () => readDomStates(page),
      (seen) => statesOf(seen, 'beta-banner').at(-1) === 'on',
      NEXT_POLL_MS,
    );
    expect(statesOf(states, 'beta-banner')).toEqual(['off', 'on']);
    expect(await page.getByTestId('beta-banner').innerText()).toBe('Join the beta programme!');
    const shownAt = states['beta-banner']!.at(-1)!.at;

    // Three more intervals of polling, unchanged configurations: one poll each, no re-render.
    await page.waitForTimeout(3 * INTERVAL_MS);
    expect(statesOf(await readDomStates(page), 'beta-banner')).toEqual(['off', 'on']);
    const sessions = await expectChainsKept(traffic, 3);
    const flags = sessions.find((s) => s.profile === 'Flags')!;
    // The poll that brought the new flags was at the latest the first one sent once they were
    // deployed, and the screen changed on its answer.
    const next = flags.polls.find((poll) => poll.sentAt > editedAt && poll.bodyLength! > 0)!;
    const firstAfterDeploy = flags.polls.find((poll) => poll.sentAt > deployedBy);
    expect(next, 'a poll after the edit carried the new flags').toBeDefined();
    expect(next.sentAt).toBeLessThanOrEqual(firstAfterDeploy?.sentAt ?? Infinity);
    expect(shownAt).toBeGreaterThanOrEqual(next.sentAt - CLOCK_SLACK_MS);
    expect(shownAt - next.answeredAt!).toBeLessThan(2_000);
    expect(problems).toEqual([]);
  }, 90_000);

  it('follows a deployment in the Flags SDK decision; an older persisted value never shows', async () => {
    // The first page persisted betaBanner on. Away from the app, both flags go off.
    await lastPage?.close();
    await editFlags((values) => {
      values.betaBanner.enabled = false;
      values.summerSale.enabled = false;
    });
    // The server's OpenFeature provider polls its own session at the same interval.
    const html = await waitFor(
      'the Flags SDK decision to follow the deployment',
      async () => (await fetch(server!.url)).text(),
      (text) => text.includes('No sale today.'),
      NEXT_POLL_MS,
    );
    expect(html).toContain('data-testid="beta-banner" data-state="off"');

    const { page, traffic, problems } = await openPage();
    await page.addInitScript(() => {
      (window as Window & { __persistedAtStart?: string }).__persistedAtStart = JSON.stringify(
        Object.entries(localStorage),
      );
    });
    await page.goto(server!.url);
    await hydrated(page);
    await sessionsStarted(traffic);

    // The stale value was there to be shown…
    const persisted = JSON.parse(
      await page.evaluate(
        () => (window as Window & { __persistedAtStart?: string }).__persistedAtStart ?? '[]',
      ),
    ) as [string, string][];
    const kept = persisted.find(([key]) => key.endsWith(':NextShop:Development:Flags'));
    expect(kept, 'flags persisted by the first page').toBeDefined();
    expect(
      (JSON.parse(kept![1]) as { configuration: FlagValues }).configuration.betaBanner.enabled,
    ).toBe(true);
    // …and never was: the server's newer value held from the first byte through hydration.
    const states = await readDomStates(page);
    expect(statesOf(states, 'beta-banner')).toEqual(['off']);
    expect(statesOf(states, 'summer-sale')).toEqual(['off']);
    expect(statesOf(states, 'checkout-fallback')).toEqual([]);
    await expectChainsKept(traffic);
    expect(problems).toEqual([]);
  }, 90_000);

  it('logged no error or skipped data file on the server', () => {
    expect(server!.output()).not.toMatch(/error|skipped|warn/i);
  });
});
