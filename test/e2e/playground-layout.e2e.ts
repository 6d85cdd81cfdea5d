/**
 * The playground at desktop (1280×800) and phone (390×844) width in Chromium: a full-page
 * screenshot of each in test-results/, and the layout checks of layout-problems.ts (nothing
 * overflows the viewport or is cut off, no clickable element is covered by or overlaps another).
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
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
const RESULTS = fileURLToPath(new URL('../../test-results', import.meta.url));

let dataDir: string;
let server: ViteDevServer | undefined;
let chromium: LaunchedChromium | undefined;
let page: Page;
let url: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  chromium = await launchChromium();
  dataDir = await mkdtemp(join(tmpdir(), 'appconfig-playground-layout-'));
  await cp(SAMPLE, dataDir, { recursive: true });
  server = await createServer({
    ...createPlaygroundConfig({ dataDir, port: 0, host: '127.0.0.1' }),
    configFile: false,
    logLevel: 'warn',
  });
  await server.listen();
  url = server.resolvedUrls?.local[0] ?? '';
  page = await chromium.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(url);
  await page.getByTestId('checkout').getByText('One-page checkout').waitFor({ timeout: 20_000 });
  await page.getByTestId('editor-Settings').waitFor();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('playground layout in Chromium', () => {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`${width}×${height}: nothing overflows or overlaps (screenshot in test-results/)`, async () => {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300); // let the layout settle after the resize
      await mkdir(RESULTS, { recursive: true });
      await page.screenshot({
        path: join(RESULTS, `playground-${width}x${height}.png`),
        fullPage: true,
      });
      expect(await layoutProblems(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  }
});
