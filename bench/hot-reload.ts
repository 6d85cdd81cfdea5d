/**
 * Hot reload (BENCHMARKS.md §7): from a save of a data file to the emulator serving the new
 * version, through `watchDataFolder` (chokidar, default 100 ms debounce), for three ways of saving,
 * interleaved in one run: a plain in-place write, a rename save (temporary file renamed over the
 * original, as vim and JetBrains do) and `sed -i` (Linux). The in-place write is the reference the
 * ratios are taken against.
 *
 *   npm run bench:hot-reload                  (20 saves of each kind)
 *   tsx bench/hot-reload.ts --saves 50
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { createEmulator } from '../src/server/emulator/create-emulator.js';
import { deployDataFolder } from '../src/server/node/deploy-data-folder.js';
import { watchDataFolder } from '../src/server/node/watch-data-folder.js';
import { machineInfo } from './machine.js';
import { markdownTable } from './support/markdown-table.js';

const run = promisify(execFile);
const REF = { application: 'App', environment: 'Dev', profile: 'Settings' };
type Kind = 'in-place write' | 'rename save' | 'sed -i';

const { values } = parseArgs({ options: { saves: { type: 'string', default: '20' } } });
const saves = Number(values.saves);
if (!Number.isInteger(saves) || saves < 1) throw new Error('--saves must be a positive integer');

const dir = await mkdtemp(join(tmpdir(), 'appconfig-hot-reload-'));
const file = join(dir, 'App', 'Dev', 'Settings.json');
await mkdir(join(dir, 'App', 'Dev'), { recursive: true });
await writeFile(file, '{"v":0}');
const emulator = createEmulator();
await deployDataFolder(emulator, dir);
let onDeployed: (() => void) | undefined;
const watcher = watchDataFolder(emulator, dir, {
  onReload: (outcomes) => {
    if (outcomes.some((o) => o.status === 'deployed')) onDeployed?.();
  },
});
await watcher.ready;

const kinds: Kind[] = ['in-place write', 'rename save'];
if (process.platform === 'linux') kinds.push('sed -i');
const times = new Map<Kind, number[]>(kinds.map((kind) => [kind, []]));
let value = 0;

async function save(kind: Kind, next: number): Promise<void> {
  if (kind === 'in-place write') await writeFile(file, `{"v":${next}}`);
  else if (kind === 'rename save') {
    await writeFile(`${file}.tmp`, `{"v":${next}}`);
    await rename(`${file}.tmp`, file);
  } else await run('sed', ['-i', `s/"v":${next - 1}/"v":${next}/`, file]);
}

for (let round = 0; round < saves; round++) {
  for (const kind of kinds) {
    const next = ++value;
    const deployed = new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`${kind}: no deployment in 10 s`)), 10_000);
      onDeployed = () => {
        if (emulator.deployed(REF)?.versionNumber === next + 1) {
          clearTimeout(timeout);
          resolve();
        }
      };
    });
    const start = performance.now();
    await save(kind, next);
    await deployed;
    times.get(kind)!.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the folder settle
  }
}
await watcher.close();
emulator.close();
await rm(dir, { recursive: true, force: true });

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const stats = (kind: Kind) => {
  const sorted = [...times.get(kind)!].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), max: sorted.at(-1)! };
};
const reference = stats('in-place write').median;
const machine = machineInfo();
console.log(
  `${machine.cpuModel}, ${machine.cores} cores, ${machine.os}, Node ${machine.node}; ${saves} saves of each kind, interleaved; debounce 100 ms.\n`,
);
console.log(
  markdownTable(
    [
      { header: 'save' },
      { header: 'median ms', align: 'right' },
      { header: 'p90 ms', align: 'right' },
      { header: 'max ms', align: 'right' },
      { header: 'median ÷ in-place', align: 'right' },
    ],
    kinds.map((kind) => {
      const { median, p90, max } = stats(kind);
      return [kind, Math.round(median), Math.round(p90), Math.round(max), median / reference];
    }),
  ),
);
