/**
 * Debian's Chromium for the browser benchmarks, with the flags of test/e2e/launch-chromium.ts,
 * launched as a browser rather than one persistent profile: each `newContext()` is a fresh
 * profile (no storage, no HTTP cache, no CORS preflight cache), which is what a first visit needs.
 * (The e2e helper keeps one persistent context, whose preflight cache CDP cannot clear.)
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/e2e/launch-chromium.js';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The browser's product string, e.g. `Chrome/156.0.8078.108`. */
export const browserVersion = (browser: Browser): string => browser.version();
