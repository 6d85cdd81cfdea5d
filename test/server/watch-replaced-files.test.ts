/**
 * Hot reload through the ways files really get saved: editors that write a temporary file and
 * rename it over the original (vim's `backupcopy=no`, JetBrains' safe write), `sed -i`, and
 * `git checkout` (unlink, then a new file). Each save must redeploy, the second and third too: a
 * watcher bound to the first file's inode sees nothing after the first replace. Each test waits for
 * the deployment event itself (generous timeout; the 2 s claim is measured in bench/).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/server/emulator/create-emulator.js';
import type { Emulator } from '../../src/server/emulator/types.js';
import {
  deployDataFolder,
  type DataFileOutcome,
} from '../../src/server/node/deploy-data-folder.js';
import {
  watchDataFolder,
  type DataFolderWatcher,
} from '../../src/server/node/watch-data-folder.js';

const run = promisify(execFile);
const FILE = join('App', 'Dev', 'Settings.json');
const REF = { application: 'App', environment: 'Dev', profile: 'Settings' };
/** Generous: the machine is shared; the event, not the clock, ends each wait. */
const EVENT_TIMEOUT_MS = 10_000;

let dir: string;
let emulator: Emulator;
let watcher: DataFolderWatcher;
let errors: string[];
let deployments: { file: string; version: number | undefined }[];
let waiters: (() => void)[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'appconfig-watch-'));
  await mkdir(join(dir, 'App', 'Dev'), { recursive: true });
  await writeFile(join(dir, FILE), '{"v":1}');
  emulator = createEmulator();
  errors = [];
  deployments = [];
  waiters = [];
  const onError = (file: string, error: Error) => errors.push(`${file}: ${error.message}`);
  await deployDataFolder(emulator, dir, { onError });
  watcher = watchDataFolder(emulator, dir, {
    onError,
    onReload: (outcomes: DataFileOutcome[]) => {
      for (const o of outcomes)
        if (o.status === 'deployed')
          deployments.push({ file: o.file, version: o.result?.versionNumber });
      for (const wake of waiters.splice(0)) wake();
    },
  });
  await watcher.ready;
});

afterEach(async () => {
  await watcher.close();
  emulator.close();
  await rm(dir, { recursive: true, force: true });
});

/** Resolves once version `n` of Settings is deployed; fails with what was seen otherwise. */
async function deployedVersion(n: number): Promise<void> {
  const deadline = Date.now() + EVENT_TIMEOUT_MS;
  while (emulator.deployed(REF)?.versionNumber !== n) {
    if (Date.now() > deadline) {
      throw new Error(
        `version ${n} was not deployed; deployments: ${JSON.stringify(deployments)}, errors: ${JSON.stringify(errors)}`,
      );
    }
    await new Promise<void>((resolve) => {
      waiters.push(resolve);
      setTimeout(resolve, 100);
    });
  }
}

const served = () => new TextDecoder().decode(emulator.deployed(REF)?.content);

describe('watchDataFolder with files that are replaced, not rewritten', () => {
  it.each([
    ['a generic atomic write', 'Settings.json.tmp'],
    ['JetBrains safe write', 'Settings.json___jb_tmp___'],
    ['a dot-file temporary, as vim writes', '.Settings.json.swp'],
  ])('redeploys every rename save (%s), then in-place writes', async (_, tmpName) => {
    // The same temporary name every time, as editors do: a watcher that only notices new names
    // sees the first save and none after it.
    const tmp = join(dir, 'App', 'Dev', tmpName);
    for (const n of [2, 3, 4]) {
      await writeFile(tmp, `{"v":${n}}`);
      await rename(tmp, join(dir, FILE));
      await deployedVersion(n);
      expect(served()).toBe(`{"v":${n}}`);
    }
    // The file now is a new inode: a plain write to it must be seen too.
    await writeFile(join(dir, FILE), '{"v":5}');
    await deployedVersion(5);
    expect(deployments).toEqual([2, 3, 4, 5].map((version) => ({ file: FILE, version })));
    expect(errors).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('redeploys after each `sed -i` (GNU sed)', async () => {
    for (const n of [2, 3]) {
      await run('sed', ['-i', `s/"v":${n - 1}/"v":${n}/`, join(dir, FILE)]);
      await deployedVersion(n);
      expect(served()).toBe(`{"v":${n}}`);
    }
    await writeFile(join(dir, FILE), '{"v":4}'); // and a plain write to the replaced file
    await deployedVersion(4);
  });

  it('redeploys after `git checkout` puts another version of the file in place', async () => {
    const git = (...args: string[]) =>
      run('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
        cwd: dir,
      });
    await git('init', '--quiet');
    await git('add', '.');
    await git('commit', '--quiet', '-m', 'v1');
    await writeFile(join(dir, FILE), '{"v":2}');
    await deployedVersion(2);
    await git('commit', '--quiet', '-am', 'v2');
    await git('checkout', '--quiet', 'HEAD~1', '--', FILE);
    expect(await readFile(join(dir, FILE), 'utf8')).toBe('{"v":1}');
    await deployedVersion(3);
    expect(served()).toBe('{"v":1}');
    // And the watcher still works after it.
    await git('checkout', '--quiet', 'HEAD', '--', FILE);
    await deployedVersion(4);
    expect(served()).toBe('{"v":2}');
    await writeFile(join(dir, FILE), '{"v":5}'); // and a plain write to the replaced file
    await deployedVersion(5);
  });

  it('redeploys a file deleted and created again (unlink, then write)', async () => {
    await unlink(join(dir, FILE));
    await writeFile(join(dir, FILE), '{"v":2}');
    await deployedVersion(2);
    await unlink(join(dir, FILE));
    await writeFile(join(dir, FILE), '{"v":3}');
    await deployedVersion(3);
    expect(served()).toBe('{"v":3}');
    await writeFile(join(dir, FILE), '{"v":4}');
    await deployedVersion(4);
  });
});
