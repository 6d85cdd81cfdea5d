/**
 * Cross-tab sharing in real Chromium: several pages of one browser context share Web Locks and
 * BroadcastChannel, as tabs of one origin do. The page (cross-tab-page.tsx) and the emulator are
 * served over HTTP on 127.0.0.1 (cross-tab-site.ts); every count is the emulator's. The emulator
 * enforces the interval on every session and refuses a reused token, so an early poll or a
 * token sent twice would be a 400 in its log.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrossTabPageRecord } from './cross-tab-page.js';
import { startCrossTabSite, type CrossTabSite, type SiteRequest } from './cross-tab-site.js';
import { launchChromium, type LaunchedChromium } from './launch-chromium.js';

const INTERVAL_MS = 15_000;
/** Timers, messages and rendering on a shared 2-core machine: how late a poll may be. */
const LATE_MS = 2500;
/** The server clock and the browser's may round differently: how early a poll may look. */
const EARLY_MS = 50;

let site: CrossTabSite;
let chromium: LaunchedChromium;

beforeAll(async () => {
  site = await startCrossTabSite();
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
  await site?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const gets = (from = 0) =>
  site.requests.filter((r) => r.operation === 'GetLatestConfiguration' && r.at >= from);
const starts = (from = 0) =>
  site.requests.filter((r) => r.operation === 'StartConfigurationSession' && r.at >= from);
const flagOf = (page: Page) => page.locator('#flag').textContent();
const recordOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __crossTab: CrossTabPageRecord }).__crossTab);

async function openTab(name: string): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.goto(`${site.url}?tab=${name}`);
  await page
    .locator('#flag')
    .filter({ hasText: /^(on|off)$/ })
    .waitFor();
  return page;
}

/** Waits until a GetLatestConfiguration arrives after `after`; returns it. */
async function nextGet(after: number, timeoutMs: number): Promise<SiteRequest> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const next = gets().find((r) => r.at > after);
    if (next) return next;
    await sleep(100);
  }
  throw new Error(`No GetLatestConfiguration within ${timeoutMs} ms after ${after}.`);
}

describe('three tabs of one origin in Chromium', () => {
  it('poll once per interval from one tab, show every deployment, and hand over on close and crash with no rule broken', async () => {
    const pages = new Map<string, Page>();
    for (const name of ['t1', 't2', 't3']) pages.set(name, await openTab(name));
    // Each tab's first configuration came from a session of its own (the module loads after it).
    expect(new Set(starts().map((r) => r.tab))).toEqual(new Set(['t1', 't2', 't3']));
    await sleep(1000);
    const joined = Date.now();

    // Steady state: one GetLatestConfiguration per interval for the three tabs, no new session.
    const first = await nextGet(joined, INTERVAL_MS + LATE_MS);
    const second = await nextGet(first.at, INTERVAL_MS + LATE_MS);
    expect(second.tab).toBe(first.tab);
    expect(second.at - first.at).toBeGreaterThanOrEqual(INTERVAL_MS - EARLY_MS);
    expect(gets(joined)).toHaveLength(2);
    expect(starts(joined)).toEqual([]);
    const leader = first.tab;

    // A deployment shows in every tab, after the leader's next poll.
    site.deploy({ banner: true }, 'v2');
    for (const page of pages.values()) {
      await page
        .locator('#flag')
        .filter({ hasText: 'on' })
        .waitFor({ timeout: INTERVAL_MS + LATE_MS });
    }
    const third = gets(second.at + 1)[0]!;
    expect(third.tab).toBe(leader);
    expect(third.versionServed).toBe(2);
    const received = (await recordOf(pages.get(leader)!)).received.at(-1)!;
    expect(received.versionLabel).toBe('v2');
    for (const [name, page] of pages) {
      const shown = (await recordOf(page)).shown.find((s) => s.text === 'on')!;
      // Followers show it after the leader got it, and without a request of their own.
      if (name !== leader) expect(shown.at).toBeGreaterThanOrEqual(received.at);
    }
    expect(gets(joined).every((r) => r.tab === leader)).toBe(true);

    // The leader closes: another tab polls, at the time the leader announced, within one interval.
    await pages.get(leader)!.close();
    pages.delete(leader);
    const handedOver = await nextGet(third.at, INTERVAL_MS + LATE_MS);
    expect(handedOver.tab).not.toBe(leader);
    expect(handedOver.at - third.at).toBeGreaterThanOrEqual(INTERVAL_MS - EARLY_MS);
    expect(handedOver.status).toBe(200);

    // The new leader's renderer crashes: the browser frees its lock, the last tab takes over.
    const crashed = handedOver.tab;
    const cdp = await chromium.context.newCDPSession(pages.get(crashed)!);
    // The answer never comes (the target dies with it): not awaited.
    void cdp.send('Page.crash').catch(() => {});
    pages.delete(crashed);
    const afterCrash = await nextGet(handedOver.at, INTERVAL_MS + LATE_MS);
    expect(afterCrash.tab).toBe([...pages.keys()][0]);
    expect(afterCrash.at - handedOver.at).toBeGreaterThanOrEqual(INTERVAL_MS - EARLY_MS);

    // The last tab still shows the latest deployment after both handovers.
    site.deploy({ banner: false }, 'v3');
    const [last] = pages.values();
    await last!
      .locator('#flag')
      .filter({ hasText: 'off' })
      .waitFor({ timeout: INTERVAL_MS + LATE_MS });

    // No early poll and no token sent twice anywhere: the emulator answered nothing but success.
    expect(site.requests.filter((r) => r.status >= 400)).toEqual([]);
    // Each new leader carried on with its own session: no session started after the tabs joined.
    expect(starts(joined)).toEqual([]);
    expect(await flagOf(last!)).toBe('off');
  }, 150_000);
});
