/**
 * A new user's first hour, from the packed tarball: `npm pack`, a fresh Vite React app in an empty
 * temporary folder with the package unpacked into its node_modules, the README's "Use" example as
 * its App and its vite.config.ts, the bundled sample copied as its data folder (as the README
 * says), `vite` on 127.0.0.1, and the flag and the banner in Chromium. Then the app's own tests:
 * docs/testing.md's Vitest setup and YAML example, run by Vitest against the package.
 *
 * Offline and fast: instead of `npm install`, the app's node_modules links the packages a user
 * would install (LINKED_FOR_THE_APP) and the tarball's own dependencies, from this repository's
 * node_modules. Only those: a dependency the package uses but does not declare fails here.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCodeBlocks, type CodeBlock } from '../../scripts/extract-code-blocks.js';
import { launchChromium, type LaunchedChromium } from './launch-chromium.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NODE_MODULES = join(ROOT, 'node_modules');

/** What the README tells a user to install, plus what their tests use (docs/testing.md). */
const LINKED_FOR_THE_APP = [
  'react',
  'react-dom',
  '@tanstack/react-query',
  'zod',
  'vite',
  '@vitejs/plugin-react',
  'vitest',
  'happy-dom',
  '@testing-library/react',
  '@testing-library/dom',
];

let work: string;
let app: string;
let devServer: ChildProcess | undefined;
let chromium: LaunchedChromium | undefined;

async function blocksOf(page: string): Promise<CodeBlock[]> {
  return extractCodeBlocks(await readFile(join(ROOT, page), 'utf8'));
}

async function link(name: string): Promise<void> {
  const target = join(app, 'node_modules', name);
  await mkdir(join(target, '..'), { recursive: true });
  await symlink(join(NODE_MODULES, name), target, 'dir');
}

/** Starts `vite` in the app and resolves with its local URL, from what it prints. */
function startVite(): Promise<{ url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(
      process.execPath,
      [join(app, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1', '--port', '0'],
      { cwd: app, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
    );
    devServer = child;
    const timer = setTimeout(() => reject(new Error(`vite did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vite exited with ${code}:\n${output}`));
    });
  });
}

beforeAll(async () => {
  chromium = await launchChromium();
  work = await mkdtemp(join(tmpdir(), 'appconfig-new-user-'));
  app = join(work, 'my-app');
  await mkdir(join(app, 'src'), { recursive: true });

  // The package as npm would publish it (prepack builds it first), built as a release is: without
  // the NODE_ENV=test this test runner sets, which would make Vite build React's dev JSX runtime.
  const { NODE_ENV: _testEnv, ...env } = process.env;
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: ROOT,
    env: { ...env, NO_COLOR: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  // npm prints the prepack build's log first, then the JSON array on lines of its own.
  const json = stdout.startsWith('[\n') ? stdout : stdout.slice(stdout.lastIndexOf('\n[\n') + 1);
  const [{ filename }] = JSON.parse(json) as [{ filename: string }];
  const installed = join(app, 'node_modules/appconfig-react');
  await mkdir(installed, { recursive: true });
  await run('tar', ['xzf', join(work, filename), '-C', installed, '--strip-components', '1']);
  const pkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const entry = await readFile(join(installed, 'dist/index.js'), 'utf8');
  expect(entry, 'a development build was packed').not.toContain('react/jsx-dev-runtime');
  for (const name of new Set([...LINKED_FOR_THE_APP, ...Object.keys(pkg.dependencies)]))
    await link(name);

  // The README, followed to the letter.
  const use = (await blocksOf('README.md')).filter((b) => b.heading === 'Use');
  const appCode = use.find((b) => b.lang === 'tsx');
  const viteConfig = use.find((b) => b.code.startsWith('// vite.config.ts'));
  if (!appCode || !viteConfig) throw new Error('README.md "Use" lacks the App or vite.config.ts');
  await writeFile(join(app, 'src/app.tsx'), appCode.code);
  await writeFile(join(app, 'vite.config.ts'), viteConfig.code);
  // `cp -r node_modules/appconfig-react/data/sample appconfig-data`
  expect(use.some((b) => b.code.includes('cp -r node_modules/appconfig-react/data/sample'))).toBe(
    true,
  );
  await cp(join(installed, 'data/sample'), join(app, 'appconfig-data'), { recursive: true });

  // What `npm create vite` gives a React app, reduced to the entry.
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({ name: 'my-app', private: true, type: 'module' }, null, 2),
  );
  await writeFile(
    join(app, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>my app</title></head>' +
      '<body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>',
  );
  await writeFile(
    join(app, 'src/main.tsx'),
    "import { StrictMode } from 'react';\nimport { createRoot } from 'react-dom/client';\n" +
      "import { App } from './app';\n\n" +
      "createRoot(document.getElementById('root')!).render(\n  <StrictMode>\n    <App />\n  </StrictMode>,\n);\n",
  );
}, 240_000);

afterAll(async () => {
  devServer?.kill('SIGTERM');
  await chromium?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("a new user's Vite app on the packed tarball", () => {
  it("shows the README example's flag and banner in Chromium, from the Vite plugin", async () => {
    const { url, output } = await startVite();
    const page = await chromium!.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(url);
    await page.getByRole('heading', { name: 'Dark mode is on' }).waitFor({ timeout: 60_000 });
    await page.getByText('Welcome to the AppConfig React demo').waitFor({ timeout: 30_000 });
    expect(await page.locator('header').getAttribute('class')).toBe('dark');
    // The plugin's own line, after Vite's URLs.
    expect(output()).toContain(`AppConfig: ${url}appconfig (emulator; data: `);
    expect(errors).toEqual([]);
  }, 120_000);

  it("runs docs/testing.md's YAML fake-timer example with Vitest against the package", async () => {
    const testing = await blocksOf('docs/testing.md');
    for (const name of ['vitest.config.ts', 'vitest.setup.ts', 'settings.test.tsx']) {
      const block = testing.find((b) => b.code.startsWith(`// ${name}\n`));
      if (!block) throw new Error(`docs/testing.md has no "// ${name}" block`);
      await writeFile(join(app, name), block.code);
    }
    const vitest = join(app, 'node_modules/vitest/vitest.mjs');
    const { stdout } = await run(process.execPath, [vitest, 'run', 'settings.test.tsx'], {
      cwd: app,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' },
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`the example failed:\n${error.stdout}\n${error.stderr}`);
    });
    expect(stdout).toMatch(/Tests\s+1 passed/);
  }, 120_000);
});
