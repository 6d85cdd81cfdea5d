/**
 * What the playground tells, in Chromium: when a deployment will show (the next poll, counted
 * down; each deployment on the timeline, from the editor or a saved file), that Discard forgets
 * what was typed, that a passing failure is retried (not "refused"), that a real refusal shows its
 * message, and that "Drop connection" is a 200 whose body is cut, followed by a new session. The
 * emulator announces a 2 s interval here (`pollIntervalSeconds`), so each step waits one short poll.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaygroundConfig } from '../../playground/create-playground-config.js';
import { launchChromium, type LaunchedChromium } from './launch-chromium.js';
import { layoutProblems } from './layout-problems.js';

const SAMPLE = fileURLToPath(new URL('../../data/sample', import.meta.url));

let dataDir: string;
let server: ViteDevServer | undefined;
let chromium: LaunchedChromium | undefined;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  chromium = await launchChromium();
  dataDir = await mkdtemp(join(tmpdir(), 'appconfig-playground-messages-'));
  await cp(SAMPLE, dataDir, { recursive: true });
  server = await createServer({
    ...createPlaygroundConfig({ dataDir, port: 0, host: '127.0.0.1', pollIntervalSeconds: 2 }),
    configFile: false,
    logLevel: 'warn',
  });
  await server.listen();
  page = await chromium.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(server.resolvedUrls?.local[0] ?? '');
  await page.getByTestId('checkout').getByText('One-page checkout').waitFor({ timeout: 20_000 });
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Waits until the element's text satisfies `ok`; fails with the last text seen. */
async function textOf(testId: string, ok: (text: string) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await page
      .getByTestId(testId)
      .innerText()
      .catch(() => '');
    if (ok(last)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`timed out waiting on ${testId}; last text: ${JSON.stringify(last)}`);
}

describe('playground messages in Chromium', () => {
  it('says when the demo polls next, and puts each deployment on the timeline', async () => {
    expect(await textOf('next-poll-flags', (t) => t !== '')).toMatch(
      /^the demo’s next poll is in \d+ s$|^the demo is polling now$/,
    );

    const flags = page.getByTestId('editor-FeatureFlags');
    await flags.getByRole('switch', { name: 'betaBanner enabled' }).check({ force: true });
    await flags.getByLabel('FeatureFlags version label').fill('beta-on');
    await flags.getByRole('button', { name: /Deploy FeatureFlags v2/ }).click();
    const timeline = await textOf('timeline', (t) => t.includes('Deployed FeatureFlags'));
    expect(timeline).toMatch(
      /Deployed FeatureFlags version 2 \(“beta-on”\)\s+the demo reads it at its next poll, in \d+ s/,
    );
    await page.getByTestId('beta-banner').waitFor({ timeout: 10_000 });

    // A file saved on disk is a deployment too.
    const file = join(dataDir, 'DemoApp/Development/Settings.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(/text: .*/, 'text: Saved on disk'),
    );
    await textOf('timeline', (t) => t.includes('Deployed Settings version 2'));
    await textOf('settings-banner', (t) => t.includes('Saved on disk'));
  });

  it('Discard puts back what was typed, attribute inputs and version label included', async () => {
    const flags = page.getByTestId('editor-FeatureFlags');
    const maxItems = flags.getByLabel('checkoutV2.maxItems');
    const deployed = await maxItems.inputValue();
    await maxItems.fill('77');
    await flags.getByLabel('FeatureFlags version label').fill('draft');
    await flags.getByRole('button', { name: 'Discard' }).click();
    expect(await maxItems.inputValue()).toBe(deployed);
    expect(await flags.getByLabel('FeatureFlags version label').inputValue()).toBe('');

    const settings = page.getByTestId('editor-Settings');
    const content = settings.getByLabel('Settings content');
    const before = await content.inputValue();
    await content.fill('theme: dark\n');
    await settings.getByLabel('Settings version label').fill('draft');
    await settings.getByRole('button', { name: 'Discard' }).click();
    expect(await content.inputValue()).toBe(before);
    expect(await settings.getByLabel('Settings version label').inputValue()).toBe('');
  });

  it('calls a passing failure a retry, and a refusal a refusal, with its message', async () => {
    // Three throttled polls for each profile: the Settings client retries with backoff.
    const injected = await page.request.post(new URL('/playground-api/faults', page.url()).href, {
      data: { kind: 'throttle', count: 9, operation: 'GetLatestConfiguration' },
    });
    expect(injected.status()).toBe(200);
    const passing = await textOf('settings-problem', (t) => t !== '');
    expect(passing).toBe(
      'The last Settings poll failed (ThrottlingException); retrying, showing the last good settings.',
    );
    // It goes away with the next successful poll.
    await page.getByTestId('settings-problem').waitFor({ state: 'detached', timeout: 30_000 });

    const settings = page.getByTestId('editor-Settings');
    const content = settings.getByLabel('Settings content');
    await content.fill((await content.inputValue()).replace('theme: light', 'theme: purple'));
    await settings.getByRole('button', { name: /Deploy Settings v/ }).click();
    const refused = await textOf('settings-problem', (t) => t.startsWith('Settings refused'));
    expect(refused).toMatch(/^Settings refused: .*does not match the schema.*theme/);
    expect(refused).toContain('The last good value is kept.');
  });

  it('describes "Drop connection" as a cut 200, and the new session after it', async () => {
    const button = page.getByRole('button', { name: 'Drop connection' });
    expect(await button.getAttribute('title')).toMatch(/200 status line and headers.*cut/);
    await button.click();
    const timeline = await textOf('timeline', (t) =>
      t.includes('the last answer broke off, so its token counts as spent: new session'),
    );
    expect(timeline).toContain('Answer broke off');
    expect(timeline).not.toContain('refused as corrupted');
    expect(pageErrors).toEqual([]);
  });

  it('keeps the phone layout with those messages shown', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await layoutProblems(page)).toEqual([]);
  });
});
