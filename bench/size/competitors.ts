/**
 * The competitor SDKs live in their own npm project (bench/competitors) so they never become
 * dependencies of the library; it is installed only when the full comparison runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { COMPETITORS_DIR } from './entries.js';

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

/** Pinned packages whose installed version differs from bench/competitors/package.json. */
export function staleCompetitors(): string[] {
  const manifest = readJson(path.join(COMPETITORS_DIR, 'package.json')) as {
    dependencies: Record<string, string>;
  };
  return Object.entries(manifest.dependencies)
    .filter(([name, version]) => {
      const installed = path.join(COMPETITORS_DIR, 'node_modules', name, 'package.json');
      return (
        !existsSync(installed) || (readJson(installed) as { version: string }).version !== version
      );
    })
    .map(([name, version]) => `${name}@${version}`);
}

/** Runs `npm ci --prefix bench/competitors` when a pinned package is missing or at another version. */
export function installCompetitors(): void {
  const stale = staleCompetitors();
  if (stale.length === 0) return;
  console.error(`Installing bench/competitors (missing or outdated: ${stale.join(', ')})…`);
  // npm is a .cmd on Windows, which execFile only runs through a shell.
  execFileSync('npm', ['ci', '--prefix', COMPETITORS_DIR, '--no-audit', '--no-fund'], {
    // npm's output goes to stderr: stdout carries only the report.
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32',
  });
}
