/**
 * Time to first flag (BENCHMARKS.md §4): the playground's production build in Chromium, with
 * latency injected into every AppConfig request, from the start of the navigation to the first
 * correct flag on screen.
 *
 * - The build: `vite build` of playground/ (the same configuration as `npm run playground:build`)
 *   into a temporary folder, served by Vite's `preview()` with the playground plugin (what
 *   `npm run playground:preview` runs), on 127.0.0.1, a free port, over a copy of data/sample.
 * - The latency: a middleware in front of the emulator holds every request under `/appconfig`
 *   for the configured time before the emulator answers it. The page, its scripts and the
 *   playground's own API are not delayed. (Chromium's network emulation would add the latency to
 *   every request, the HTML and the bundle included, and measure page loading instead.)
 * - The flag: the demo app's checkout button reads "One-page checkout" once the deployed
 *   `checkoutV2` (enabled) is known; "Checkout (classic)" is the default before any configuration.
 *   bench/first-flag-page.ts times it in the page, from navigation start.
 * - Two visits per run, in one browser profile: a first visit (the site's storage and the HTTP
 *   cache cleared) and a returning visit (a new tab once the first visit's configuration is
 *   persisted in localStorage).
 *
 *   npm run bench:first-flag                              (latencies 50, 150, 300 ms; 10 runs)
 *   tsx bench/first-flag.ts --latencies 0,50,300 --runs 5
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { build, preview, type InlineConfig, type Plugin, type PreviewServer } from 'vite';
import { createPlaygroundConfig } from '../playground/create-playground-config.js';
import { EMULATOR_PATH } from '../playground/shared/playground-api-types.js';
import { launchChromium } from '../test/e2e/launch-chromium.js';
import {
  FLAG_SELECTOR,
  FLAG_TEXT,
  instrumentPage,
  type PageRecord,
  type PageRequest,
} from './first-flag-page.js';
import { markdownTable } from './support/markdown-table.js';
import { writeResults } from './support/write-results.js';

const COMMAND = 'npm run bench:first-flag';
const SAMPLE = fileURLToPath(new URL('../data/sample', import.meta.url));
/** The profile of the flag that is timed (data/sample/DemoApp/Development/FeatureFlags.json). */
const FLAG_PROFILE = 'FeatureFlags';
/** The playground's three providers; a visit is settled when each has its first GET answered. */
const PROFILES = ['FeatureFlags', 'MyAccessListFlag', 'Settings'];
const FLAG_TIMEOUT_MS = 15_000;
/** Idle time before each timed navigation. */
const QUIET_MS = 100;

type Visit = 'first' | 'returning';

interface Sample {
  visit: Visit;
  latencyMs: number;
  run: number;
  /** Navigation start → the flag's deployed value in the DOM. */
  flagMs: number;
  /** Navigation start → the checkout button's first render. */
  firstRenderMs: number;
  /** What it read at first render. */
  firstText: string;
  /** Navigation start → the first AppConfig request sent (any profile). */
  firstRequestMs: number | undefined;
  /** FeatureFlags requests answered before the flag showed (its chain of round trips). */
  flagChainAnswered: number;
  /** AppConfig requests of any profile answered before the flag showed. */
  appConfigAnswered: number;
  /** First visit: the page's first-contentful-paint. */
  firstPaintMs: number | undefined;
  /** The FeatureFlags chain before the flag: session answered, GET sent, GET answered. */
  flagSessionAnsweredMs: number | undefined;
  flagGetSentMs: number | undefined;
  flagGetAnsweredMs: number | undefined;
  persistedAtStart: number;
  requests: (PageRequest & { profileResolved: string | undefined })[];
}

/** Holds each request under EMULATOR_PATH for `latency.ms` before the emulator sees it. */
function appConfigLatency(latency: { ms: number }): Plugin {
  const isAppConfig = (url: string) =>
    url === EMULATOR_PATH ||
    url.startsWith(`${EMULATOR_PATH}/`) ||
    url.startsWith(`${EMULATOR_PATH}?`);
  return {
    name: 'first-flag-appconfig-latency',
    // Before the playground plugin, which mounts the emulator: its middleware runs first.
    enforce: 'pre',
    configurePreviewServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (latency.ms > 0 && isAppConfig(req.url ?? '')) setTimeout(next, latency.ms);
        else next();
      });
    },
  };
}

/** Nearest-rank percentile (p in 0..100) of `values`. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
};
const ms = (value: number) => `${Math.round(value)} ms`;
const range = (values: readonly number[]) => {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}–${high}`;
};

/** Gives each GET the profile of the session its token descends from. */
function attribute(requests: readonly PageRequest[]): Sample['requests'] {
  const profileOf = new Map<string, string>();
  return requests.map((request) => {
    const profile =
      request.kind === 'session'
        ? request.profile
        : request.token !== undefined
          ? profileOf.get(request.token)
          : undefined;
    if (profile !== undefined && request.issued !== undefined)
      profileOf.set(request.issued, profile);
    return { ...request, profileResolved: profile };
  });
}

/** True once every profile's first GetLatestConfiguration has been answered. */
function settled(record: PageRecord): boolean {
  const requests = attribute(record.requests);
  return PROFILES.every((profile) =>
    requests.some(
      (r) => r.kind === 'get' && r.profileResolved === profile && r.answeredAt !== undefined,
    ),
  );
}

async function visit(
  context: BrowserContext,
  url: string,
  kind: Visit,
  latencyMs: number,
  run: number,
): Promise<Sample> {
  const page = await context.newPage();
  try {
    if (kind === 'first') await forget(context, page, new URL(url).origin);
    // A quiet machine at navigation: the previous tab's teardown is not timed with this one.
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => (window as unknown as { __firstFlag?: PageRecord }).__firstFlag?.flagAt !== undefined,
      undefined,
      { timeout: FLAG_TIMEOUT_MS, polling: 50 },
    );
    const read = () =>
      page.evaluate(() => ({
        record: (window as unknown as { __firstFlag: PageRecord }).__firstFlag,
        persisted: Object.keys(localStorage).filter((k) => k.startsWith('appconfig-react:')).length,
      }));
    let { record, persisted } = await read();
    if (kind === 'first') {
      // Let every provider's first poll finish and its configuration be persisted, for the
      // returning visit. (A returning visit is read at once: a request answered before the
      // flag already has its answer time.)
      const done = () => settled(record) && persisted >= PROFILES.length;
      const deadline = Date.now() + FLAG_TIMEOUT_MS;
      while (!done() && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        ({ record, persisted } = await read());
      }
      if (!done()) throw new Error('First visit: the first polls did not all finish.');
    }
    const flagAt = record.flagAt!;
    const requests = attribute(record.requests);
    const answeredBefore = (r: PageRequest) => r.answeredAt !== undefined && r.answeredAt < flagAt;
    const flagChain = (kindOf: PageRequest['kind']) =>
      requests.find(
        (r) => r.kind === kindOf && r.profileResolved === FLAG_PROFILE && answeredBefore(r),
      );
    return {
      visit: kind,
      latencyMs,
      run,
      flagMs: flagAt,
      firstRenderMs: record.firstRenderAt!,
      firstText: record.firstText ?? '',
      firstRequestMs: requests.length ? Math.min(...requests.map((r) => r.sentAt)) : undefined,
      flagChainAnswered: requests.filter(
        (r) => r.profileResolved === FLAG_PROFILE && answeredBefore(r),
      ).length,
      appConfigAnswered: requests.filter(answeredBefore).length,
      firstPaintMs: record.firstPaintAt,
      flagSessionAnsweredMs: flagChain('session')?.answeredAt,
      flagGetSentMs: flagChain('get')?.sentAt,
      flagGetAnsweredMs: flagChain('get')?.answeredAt,
      persistedAtStart: record.persistedAtStart,
      requests,
    };
  } finally {
    await page.close();
  }
}

/** Empties the origin's storage and the HTTP cache: the next visit is a first one. */
async function forget(context: BrowserContext, page: Page, origin: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
}

async function browserVersion(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const { product } = await cdp.send('Browser.getVersion');
    await cdp.detach();
    return product;
  } finally {
    await page.close();
  }
}

function report(samples: readonly Sample[], latencies: readonly number[]) {
  const of = (kind: Visit, latency: number) =>
    samples.filter((s) => s.visit === kind && s.latencyMs === latency);
  const medianOf = (set: readonly Sample[], pick: (s: Sample) => number | undefined) => {
    const values = set.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? ms(median(values)) : '—';
  };
  const atFirstRender = (s: Sample) => s.flagMs === s.firstRenderMs && s.firstText === FLAG_TEXT;

  const summaryRows = (['first', 'returning'] as const).flatMap((kind) =>
    latencies.map((latency) => {
      const set = of(kind, latency);
      const flag = set.map((s) => s.flagMs);
      const floor = kind === 'first' ? 2 * latency : 0;
      return [
        kind,
        `${latency} ms`,
        set.length,
        ms(median(flag)),
        ms(percentile(flag, 90)),
        kind === 'first' ? `${ms(floor)} (2 round trips)` : '0 ms (no round trip)',
        ms(median(flag) - floor),
        `${set.filter(atFirstRender).length} of ${set.length}`,
        range(set.map((s) => s.flagChainAnswered)),
        range(set.map((s) => s.appConfigAnswered)),
        range(set.map((s) => s.persistedAtStart)),
      ];
    }),
  );
  const summary = markdownTable(
    [
      { header: 'visit' },
      { header: 'latency per AppConfig request' },
      { header: 'runs', align: 'right' },
      { header: 'first flag, median', align: 'right' },
      { header: 'p90', align: 'right' },
      { header: 'floor' },
      { header: 'median − floor', align: 'right' },
      { header: 'flag at first render', align: 'right' },
      { header: 'FeatureFlags round trips before the flag', align: 'right' },
      { header: 'AppConfig responses before the flag (3 profiles)', align: 'right' },
      { header: 'profiles persisted at start', align: 'right' },
    ],
    summaryRows,
  );

  const breakdown = markdownTable(
    [
      { header: 'first visit: latency per AppConfig request' },
      { header: 'first render', align: 'right' },
      { header: 'first contentful paint', align: 'right' },
      { header: 'first AppConfig request sent', align: 'right' },
      { header: 'FeatureFlags session answered', align: 'right' },
      { header: 'FeatureFlags GET sent', align: 'right' },
      { header: 'FeatureFlags GET answered', align: 'right' },
      { header: 'flag on screen', align: 'right' },
    ],
    latencies.map((latency) => {
      const set = of('first', latency);
      return [
        `${latency} ms`,
        medianOf(set, (s) => s.firstRenderMs),
        medianOf(set, (s) => s.firstPaintMs),
        medianOf(set, (s) => s.firstRequestMs),
        medianOf(set, (s) => s.flagSessionAnsweredMs),
        medianOf(set, (s) => s.flagGetSentMs),
        medianOf(set, (s) => s.flagGetAnsweredMs),
        medianOf(set, (s) => s.flagMs),
      ];
    }),
  );

  const verdicts: string[] = [];
  for (const latency of latencies) {
    const first = of('first', latency);
    const chains = first.map((s) => s.flagChainAnswered);
    const firstMedian = median(first.map((s) => s.flagMs));
    verdicts.push(
      `${chains.every((n) => n === 2) ? 'PASS' : 'MISS'} first visit, ${latency} ms: the flag ` +
        `after ${range(chains)} FeatureFlags round trips (the minimum is 2) in ${first.length} ` +
        `runs; median ${ms(firstMedian)}, ${ms(firstMedian - 2 * latency)} over the 2 × latency floor.`,
    );
    const returning = of('returning', latency);
    const ok = returning.filter((s) => atFirstRender(s) && s.appConfigAnswered === 0).length;
    verdicts.push(
      `${ok === returning.length ? 'PASS' : 'MISS'} returning visit, ${latency} ms: the flag at ` +
        `first render with no AppConfig response before it in ${ok} of ${returning.length} runs; ` +
        `median ${ms(median(returning.map((s) => s.flagMs)))}.`,
    );
  }
  return [
    summary,
    '',
    'First visit, where the time goes (medians, from navigation start):',
    '',
    breakdown,
    '',
    '```text',
    ...verdicts,
    '```',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      latencies: { type: 'string', default: '50,150,300' },
      runs: { type: 'string', default: '10' },
    },
  });
  const latencies = values.latencies.split(',').map((value) => {
    const latency = Number(value);
    if (!Number.isInteger(latency) || latency < 0) throw new Error(`Bad latency "${value}".`);
    return latency;
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`Bad --runs "${values.runs}".`);

  const startedAt = Date.now();
  const loadBefore = loadavg()[0]!;
  const date = new Date().toISOString();
  const work = await mkdtemp(join(tmpdir(), 'appconfig-first-flag-'));
  const dataDir = join(work, 'data');
  const outDir = join(work, 'dist');
  await cp(SAMPLE, dataDir, { recursive: true });
  const latency = { ms: 0 };
  const base = createPlaygroundConfig({ dataDir, port: 0, host: '127.0.0.1' });
  const config: InlineConfig = {
    ...base,
    configFile: false,
    logLevel: 'warn',
    plugins: [appConfigLatency(latency), ...(base.plugins ?? [])],
    build: { ...base.build, outDir, emptyOutDir: true },
    preview: { ...base.preview, port: 0, strictPort: false, open: false },
  };

  let server: PreviewServer | undefined;
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    process.stderr.write('Building the playground…\n');
    await build(config);
    server = await preview(config);
    const url = server.resolvedUrls?.local[0] ?? '';
    if (!/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url)) throw new Error(`Unexpected URL "${url}".`);
    const origin = new URL(url).origin;
    chromium = await launchChromium();
    const { context } = chromium;
    // Nothing may leave 127.0.0.1: watched (not intercepted, which would slow every request).
    const foreign: string[] = [];
    context.on('request', (request) => {
      if (new URL(request.url()).origin !== origin) foreign.push(request.url());
    });
    await context.addInitScript(instrumentPage, {
      selector: FLAG_SELECTOR,
      text: FLAG_TEXT,
      appConfigPath: EMULATOR_PATH,
    });

    // One untimed pair of visits: the server's and the browser's code paths warm.
    await visit(context, url, 'first', 0, 0);
    await visit(context, url, 'returning', 0, 0);

    const samples: Sample[] = [];
    for (let run = 1; run <= runs; run++) {
      for (const latencyMs of latencies) {
        latency.ms = latencyMs;
        samples.push(await visit(context, url, 'first', latencyMs, run));
        samples.push(await visit(context, url, 'returning', latencyMs, run));
      }
      process.stderr.write(
        `run ${run}/${runs} done (${Math.round((Date.now() - startedAt) / 1000)} s)\n`,
      );
    }

    if (foreign.length) throw new Error(`The page asked for other origins: ${foreign.join(', ')}`);

    const loadAfter = loadavg()[0]!;
    const markdown =
      `${report(samples, latencies)}\n\n${runs} runs per latency, interleaved; ${Math.round((Date.now() - startedAt) / 1000)} s in all; ` +
      `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.`;
    writeResults(
      'first-flag',
      COMMAND,
      markdown,
      {
        latenciesMs: latencies,
        runs,
        flag: { selector: FLAG_SELECTOR, text: FLAG_TEXT, profile: FLAG_PROFILE },
        chromium: await browserVersion(context),
        durationMs: Date.now() - startedAt,
        loadAverage1m: { before: loadBefore, after: loadavg()[0]! },
        samples,
      },
      date,
    );
  } finally {
    await chromium?.close();
    await server?.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
