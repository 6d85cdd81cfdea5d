/**
 * The Next.js example (examples/nextjs) as a user would run it: the library packed into the
 * example's node_modules (`npm ci`, `install-links=true`), `next build`, then `next start` on
 * 127.0.0.1 and a free port. Each step prints its duration, so a slow CI run says where the time
 * went. Nothing here reaches an address other than 127.0.0.1 (the npm registry aside, for
 * `npm ci` when the npm cache lacks a package).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EXAMPLE = join(ROOT, 'examples/nextjs');
const NEXT_BIN = join(EXAMPLE, 'node_modules/next/dist/bin/next');
const STAMP = join(EXAMPLE, 'node_modules/.appconfig-react-install');

/** The environment of every Next.js command: no telemetry, production mode. */
const nextEnv = (extra: Record<string, string> = {}) => ({
  ...releaseEnv,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_ENV: 'production',
  ...extra,
});

/**
 * The environment of the library's build and the example's install: without the NODE_ENV=test
 * the test runner sets, which would make Vite build React's development JSX runtime into dist/
 * (and `next build` then fails with "jsxDEV is not a function").
 */
const { NODE_ENV: _testEnv, ...releaseEnv } = process.env;

/** Runs a command to its end; rejects with its output when it fails. */
function run(command: string, args: string[], cwd: string, env = releaseEnv): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (code === 0) {
        console.log(`[nextjs e2e] ${command} ${args.join(' ')}: ${seconds} s`);
        resolve();
      } else {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
      }
    });
  });
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
    }
  }
  return newest;
}

/** Builds the library (dist/) when it is missing or older than src/: the example installs dist. */
async function ensureLibraryBuilt(): Promise<void> {
  const built = existsSync(join(ROOT, 'dist/index.js'))
    ? (await stat(join(ROOT, 'dist/index.js'))).mtimeMs
    : 0;
  if (built < (await newestMtime(join(ROOT, 'src')))) {
    await run('npm', ['run', 'build'], ROOT);
  }
}

/** What the example's install depends on: its lock file and the library's packed files. */
async function installKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(join(EXAMPLE, 'package-lock.json')));
  hash.update(await readFile(join(ROOT, 'package.json')));
  for (const name of (await readdir(join(ROOT, 'dist'), { recursive: true })).sort()) {
    const file = join(ROOT, 'dist', name);
    const info = await stat(file);
    if (info.isFile()) hash.update(`${name}:${info.size}:${info.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/**
 * Why the example's lock file no longer installs this library as it is, or undefined. npm keeps
 * the dependencies it locked for a `file:` package: when the library gains one, `npm ci` in the
 * example installs without it and `next build` fails on an import far from the cause.
 */
export async function exampleLockProblem(): Promise<string | undefined> {
  const library = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const lock = JSON.parse(await readFile(join(EXAMPLE, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string> }>;
  };
  const locked = lock.packages['node_modules/appconfig-react']?.dependencies ?? {};
  const wanted = library.dependencies ?? {};
  const differ = [...new Set([...Object.keys(locked), ...Object.keys(wanted)])]
    .filter((name) => locked[name] !== wanted[name])
    .map(
      (name) =>
        `${name}: locked ${locked[name] ?? 'nothing'}, package.json ${wanted[name] ?? 'nothing'}`,
    );
  if (!differ.length) return undefined;
  return (
    `examples/nextjs/package-lock.json locks other dependencies of appconfig-react than package.json ` +
    `declares (${differ.join('; ')}). Delete its "node_modules/appconfig-react" entry and run ` +
    '`npm install` in examples/nextjs, then commit the lock file.'
  );
}

/**
 * Installs the example's dependencies from its lock file, the library as a packed copy of this
 * repository (what `npm install appconfig-react` gives a user). Skipped when neither the lock file
 * nor dist/ changed since the last install.
 */
async function installExample(): Promise<void> {
  const problem = await exampleLockProblem();
  if (problem) throw new Error(problem);
  const key = await installKey();
  if (existsSync(STAMP) && (await readFile(STAMP, 'utf8')) === key) return;
  await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], EXAMPLE);
  await writeFile(STAMP, key);
}

/** Library built, example installed, `next build` run: once per test run. */
export async function buildNextExample(): Promise<void> {
  await ensureLibraryBuilt();
  await installExample();
  await run(process.execPath, [NEXT_BIN, 'build'], EXAMPLE, nextEnv());
}

/** A free TCP port on 127.0.0.1 (`next start` has no port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** A running `next start`. */
export interface NextServer {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `next start` on 127.0.0.1 with `env`, resolving once it answers `GET /`. */
export async function startNextExample(env: Record<string, string>): Promise<NextServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    { cwd: EXAMPLE, env: nextEnv(env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${output}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { url, output: () => output, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer on ${url} within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
