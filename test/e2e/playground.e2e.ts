/**
 * The playground in real Chromium: the dev server (Vite with the emulator mounted, in process on a
 * free port, over a copy of data/sample), the demo app's first flags, a deployment AppConfig
 * refuses, one it accepts, a data file edited on disk, and both changes showing after the
 * client's next poll (15 s at most). A screenshot is kept in test-results/.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaygroundConfig } from '../../playground/create-playground-config.js';
import { launchChromium, type LaunchedChromium } from './launch-chromium.js';

const SAMPLE = fileURLToPath(new URL('../../data/sample', import.meta.url));
const RESULTS = fileURLToPath(new URL('../../test-results', import.meta.url));
/** The playground polls every 15 s; allow for one full interval plus a slow machine. */
const NEXT_POLL_MS = 30_000;

let dataDir: string;
let server: ViteDevServer | undefined;
let chromium: LaunchedChromium | undefined;
let page: Page;
let url: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  chromium = await launchChromium(); // first: says how to install Chromium when it is missing
  dataDir = await mkdtemp(join(tmpdir(), 'appconfig-playground-'));
  await cp(SAMPLE, dataDir, { recursive: true });
  server = await createServer({
    ...createPlaygroundConfig({ dataDir, port: 0, host: '127.0.0.1' }),
    configFile: false,
    logLevel: 'warn',
  });
  await server.listen();
  url = server.resolvedUrls?.local[0] ?? '';
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  page = await chromium.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
}, 60_000);

afterAll(async () => {
  // On failure too: the page as it was is the best clue.
  if (page) {
    await mkdir(RESULTS, { recursive: true });
    await page
      .screenshot({ path: join(RESULTS, 'playground.png'), fullPage: true })
      .catch(() => {});
  }
  await chromium?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Waits until `read()` satisfies `ok`, or fails saying what was expected and what was seen. */
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
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const text = (testId: string) => () =>
  page
    .getByTestId(testId)
    .innerText()
    .catch(() => '');
const count = (testId: string) => () => page.getByTestId(testId).count();

describe('playground (Vite dev server + emulator) in Chromium', () => {
  it('shows the deployed flags, then a new deployment after the next poll', async () => {
    await page.goto(url);

    // The first poll: the sample data's flags drive the demo app.
    await waitFor(
      'the one-page checkout (checkoutV2 on, maxItems 25)',
      text('checkout'),
      (t) => t.includes('One-page checkout') && t.includes('Up to 25 items'),
    );
    expect(await text('settings-banner')()).toContain('Welcome to the AppConfig React demo');
    expect(await count('beta-banner')()).toBe(0); // betaBanner is off in the sample
    expect(await count('reports-link')()).toBe(1); // jane.doe is on MyAccessListFlag's list

    // AppConfig's validation refuses maxItems 500 (maximum 100); the editor shows why.
    const flags = page.getByTestId('editor-FeatureFlags');
    await flags.getByLabel('checkoutV2.maxItems').fill('500');
    await flags.getByRole('button', { name: /Deploy FeatureFlags v2/ }).click();
    const refusal = await waitFor('the refusal', text('FeatureFlags-refusal'), (t) => t !== '');
    expect(refusal).toMatch(/values\.checkoutV2\.maxItems/);

    // A valid change: the beta banner on, a limit of 30, labelled.
    await flags.getByLabel('checkoutV2.maxItems').fill('30');
    await flags.getByRole('switch', { name: 'betaBanner enabled' }).check({ force: true });
    await flags.getByLabel('FeatureFlags version label').fill('beta-on');
    await flags.getByRole('button', { name: /Deploy FeatureFlags v2/ }).click();
    await waitFor(
      'version 2 in the editor',
      () => flags.locator('h3').innerText(),
      (t) => t.includes('version 2'),
    );

    // And a file edited on disk: the watcher deploys it.
    const settingsFile = join(dataDir, 'DemoApp/Development/Settings.yaml');
    const yaml = await readFile(settingsFile, 'utf8');
    await writeFile(settingsFile, yaml.replace(/text: .*/, 'text: Spring sale, 20% off'));

    // Nothing changes before the client's next poll; then both do.
    const deployedAt = Date.now();
    await waitFor(
      'the beta banner after the next poll',
      count('beta-banner'),
      (n) => n === 1,
      NEXT_POLL_MS,
    );
    const waitedMs = Date.now() - deployedAt;
    expect(await text('checkout')()).toContain('Up to 30 items');
    await waitFor(
      'the edited Settings.yaml banner',
      text('settings-banner'),
      (t) => t.includes('Spring sale, 20% off'),
      NEXT_POLL_MS,
    );
    expect(waitedMs).toBeLessThanOrEqual(NEXT_POLL_MS);

    // The timeline tells the story: the session, the changed poll with its label and interval.
    const timeline = await text('timeline')();
    expect(timeline).toContain('StartConfigurationSession');
    expect(timeline).toMatch(/Poll: configuration received\s+label “beta-on”, next poll in 15 s/);

    // A fault button reaches the emulator.
    await page.getByRole('button', { name: 'Throttle ×3' }).click();
    await waitFor('the pending fault', text('pending-faults'), (t) => t.includes('throttle ×3'));

    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 90_000);
});
