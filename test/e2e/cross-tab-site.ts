/**
 * The site of the cross-tab end-to-end test and benchmark: cross-tab-page.tsx built with esbuild
 * (code splitting on, so the cross-tab chunk loads with `import()` as in an app), served with the
 * emulator under /appconfig by one Node HTTP server on 127.0.0.1 (a free port). The emulator
 * enforces the poll interval on every session (`enforcePollInterval: 'always'`, so an early poll
 * is a 400 "Request too early") and refuses a reused token (400 Corrupted): a request that breaks a
 * rule of the chain shows in the log as a 400. Each logged request names the tab that sent it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createEmulator, type Emulator } from '../../src/server/index.js';
import { serve } from '../../src/server/node/index.js';
import { featureFlagsDocument, type TestFlags } from '../../src/testing/index.js';

export const SITE_PROFILE = { application: 'app', environment: 'prod', profile: 'flags' };

/** One AppConfig request as the server saw it. */
export interface SiteRequest {
  /** The `x-tab` header: the page that sent it. */
  tab: string;
  operation: 'StartConfigurationSession' | 'GetLatestConfiguration' | 'Other';
  status: number;
  /** Arrival, ms since the epoch. */
  at: number;
  sessionId: string | undefined;
  errorType: string | undefined;
  /** For a 200 GetLatestConfiguration: the version sent in the body, if not empty. */
  versionServed: number | undefined;
}

export interface CrossTabSite {
  /** The page's URL, e.g. `http://127.0.0.1:43121/`. */
  url: string;
  emulator: Emulator;
  requests: SiteRequest[];
  deploy(flags: TestFlags, versionLabel: string): void;
  close(): Promise<void>;
}

const PAGE = fileURLToPath(new URL('./cross-tab-page.tsx', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };
const HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>cross-tab</title></head>' +
  '<body><div id="root"></div><script type="module" src="/cross-tab-page.js"></script></body></html>';

export async function startCrossTabSite(): Promise<CrossTabSite> {
  const outdir = await mkdtemp(join(tmpdir(), 'appconfig-cross-tab-'));
  await build({
    entryPoints: [PAGE],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    minify: true,
    outdir,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const emulator = createEmulator({ basePath: '/appconfig', enforcePollInterval: 'always' });
  const deploy = (flags: TestFlags, versionLabel: string) =>
    emulator.deploy({
      ...SITE_PROFILE,
      type: 'AWS.AppConfig.FeatureFlags',
      content: featureFlagsDocument(flags),
      versionLabel,
    });
  deploy({ banner: false }, 'v1');
  const requests: SiteRequest[] = [];
  const server = await serve(
    async (request) => {
      const { pathname } = new URL(request.url);
      if (pathname.startsWith('/appconfig/')) {
        const tab = request.headers.get('x-tab') ?? '';
        const response = await emulator.handle(request);
        const id = response.headers.get('x-amzn-requestid');
        const entry = emulator.requests.reverse().find((e) => e.requestId === id);
        if (entry) {
          requests.push({
            tab,
            operation:
              entry.operation === 'StartConfigurationSession' ||
              entry.operation === 'GetLatestConfiguration'
                ? entry.operation
                : 'Other',
            status: entry.status,
            at: entry.at,
            sessionId: entry.sessionId,
            errorType: entry.errorType,
            versionServed: entry.versionServed,
          });
        }
        return response;
      }
      const file = pathname === '/' ? null : pathname.slice(1);
      if (file === null)
        return new Response(HTML, { headers: { 'content-type': TYPES['.html']! } });
      if (!/^[\w.-]+\.js$/.test(file)) return new Response('Not found', { status: 404 });
      try {
        const body = await readFile(join(outdir, file));
        return new Response(body, { headers: { 'content-type': TYPES[extname(file)]! } });
      } catch {
        return new Response('Not found', { status: 404 });
      }
    },
    { port: 0, host: '127.0.0.1' },
  );
  return {
    url: `${server.url}/`,
    emulator,
    requests,
    deploy,
    async close() {
      await server.close();
      emulator.close();
      await rm(outdir, { recursive: true, force: true });
    },
  };
}
