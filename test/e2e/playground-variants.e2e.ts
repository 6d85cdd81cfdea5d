/**
 * Multi-variant flags in the playground, in real Chromium: the sample's `recommendations` flag is
 * evaluated by the emulator for the signed-in user's context. jane.doe lands in the 20% split
 * ("Early access"), john.smith is on the beta list ("Beta testers"), a guest has no userId (the
 * default variant). Switching to a new user changes the badge after exactly one new session,
 * switching back to a cached one after none, and the emulator never answers "Request too early"
 * (no early poll of an old session or a new one).
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaygroundConfig } from '../../playground/create-playground-config.js';
import type { Emulator } from '../../src/server/index.js';
import { launchChromium, type LaunchedChromium } from './launch-chromium.js';

const SAMPLE = fileURLToPath(new URL('../../data/sample', import.meta.url));
const RESULTS = fileURLToPath(new URL('../../test-results', import.meta.url));

let dataDir: string;
let server: ViteDevServer | undefined;
let emulator: Emulator | undefined;
let chromium: LaunchedChromium | undefined;
let page: Page;
let url: string;
const pageErrors: string[] = [];
/** The `Context` of each session start the page sent for the FeatureFlags profile. */
const flagSessionContexts: unknown[] = [];
/** Answers the page got that said "Request too early". */
const tooEarly: string[] = [];

beforeAll(async () => {
  chromium = await launchChromium();
  dataDir = await mkdtemp(join(tmpdir(), 'appconfig-playground-variants-'));
  await cp(SAMPLE, dataDir, { recursive: true });
  server = await createServer({
    ...createPlaygroundConfig({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      onEmulator: (created) => (emulator = created),
    }),
    configFile: false,
    logLevel: 'warn',
  });
  await server.listen();
  url = server.resolvedUrls?.local[0] ?? '';
  page = await chromium.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().includes('/configurationsessions')) return;
    const body = JSON.parse(request.postData() ?? '{}') as Record<string, unknown>;
    if (body.ConfigurationProfileIdentifier === 'FeatureFlags') {
      flagSessionContexts.push(body.Context);
    }
  });
  page.on('response', async (response) => {
    if (response.status() !== 400) return;
    const text = await response.text().catch(() => '');
    if (text.includes('Request too early')) tooEarly.push(response.url());
  });
}, 60_000);

afterAll(async () => {
  if (page) {
    await mkdir(RESULTS, { recursive: true });
    await page
      .screenshot({ path: join(RESULTS, 'playground-variants.png'), fullPage: true })
      .catch(() => {});
  }
  await chromium?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const badge = () =>
  page
    .getByTestId('variant-badge')
    .innerText()
    .catch(() => '');
const picks = () =>
  page
    .getByTestId('recommendations')
    .innerText()
    .catch(() => '');
const log = () => emulator?.requests ?? [];
const sessionStarts = () => log().filter((r) => r.operation === 'StartConfigurationSession').length;
/** The emulator's "Request too early" answers: 400s to polls (the only 400 a poll gets here). */
const earlyPolls = () =>
  log().filter((r) => r.operation === 'GetLatestConfiguration' && r.status === 400).length;

describe('playground variants in Chromium', () => {
  it('two users see their own variants; a switch is one new session and no early poll', async () => {
    await page.goto(url);
    await waitFor('jane.doe in the 20% split', badge, (t) => t === 'variant: Early access');
    expect(await picks()).toContain('Picked for you (grid)');
    expect(flagSessionContexts).toEqual([{ userId: 'jane.doe' }]);
    // Let the three providers' first answers land, then count from here.
    await waitFor(
      'every provider started',
      async () => sessionStarts(),
      (n) => n === 3,
    );
    const before = sessionStarts();

    await page.getByTestId('user-switcher').selectOption('john.smith');
    await waitFor('john.smith on the beta list', badge, (t) => t === 'variant: Beta testers');
    expect(await picks()).toContain('Picked for you (carousel)');
    expect(sessionStarts()).toBe(before + 1); // only the flags provider, once
    expect(flagSessionContexts.at(-1)).toEqual({ userId: 'john.smith' });

    await page.getByTestId('user-switcher').selectOption('guest');
    await waitFor('a guest gets the default', badge, (t) => t === 'variant: Default Variant');
    expect(await picks()).toContain('No picks for this user.');
    expect(sessionStarts()).toBe(before + 2);
    expect(flagSessionContexts.at(-1)).toEqual({});

    // Back to the first user, whose answer is cached: the same variant at once.
    await page.getByTestId('user-switcher').selectOption('jane.doe');
    await waitFor('jane.doe again', badge, (t) => t === 'variant: Early access');
    // jane.doe's query is still in React Query's cache: shown at once, with no new session; its
    // session resumes polling when its interval is due.
    expect(sessionStarts()).toBe(before + 2);

    // One full poll interval later: every live session polled on time, none too early.
    const polls = () => log().filter((r) => r.operation === 'GetLatestConfiguration').length;
    const pollsBefore = polls();
    await waitFor(
      'the next polls',
      async () => polls(),
      (n) => n >= pollsBefore + 3,
      30_000,
    );
    expect(earlyPolls()).toBe(0);
    expect(tooEarly).toEqual([]);
    // The other behaviour of the demo is untouched.
    expect(await page.getByTestId('reports-link').count()).toBe(1); // jane.doe's access
    expect(await page.getByTestId('checkout').innerText()).toContain('Up to 25 items');
    expect(pageErrors).toEqual([]);
  });

  it('a variant switched off in the editor reaches the user at the next poll', async () => {
    const flags = page.getByTestId('editor-FeatureFlags');
    await flags
      .getByRole('switch', { name: 'recommendations variant Early access enabled' })
      .uncheck({ force: true });
    await flags.getByRole('button', { name: /Deploy FeatureFlags v2/ }).click();
    await waitFor(
      'version 2 in the editor',
      () => flags.locator('h3').innerText(),
      (t) => t.includes('version 2'),
    );
    // jane.doe still takes "Early access" (her split), now a disabled variant.
    await waitFor(
      'the disabled variant',
      picks,
      (t) => t.includes('No picks for this user.'),
      30_000,
    );
    expect(await badge()).toBe('variant: Early access');
    expect(earlyPolls()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
