/**
 * Bundle cost of appconfig-react against the React SDKs of other flag services, measured the same
 * way in one run (the method of shared/research/anchors-react-sdks.md §1, plus code splitting).
 *
 *   tsx bench/bundle-size.ts                 ours, plus the competitors if installed
 *   tsx bench/bundle-size.ts --competitors   installs bench/competitors when needed, then all
 *   tsx bench/bundle-size.ts --check         ours only; exits 1 over budget or when YAML leaks
 *
 * The table goes to stdout; bench/results/bundle-size.{json,md} keep the full comparison.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { version as esbuildVersion } from 'esbuild';
import { machineInfo } from './machine.js';
import { installCompetitors, staleCompetitors } from './size/competitors.js';
import {
  COMPETITOR_ENTRIES,
  OUR_ENTRIES,
  REACT_EXTERNALS,
  ROOT,
  isAvailable,
  type BundleEntry,
} from './size/entries.js';
import { GZIP_LEVEL, measureEntry, type EntryResult } from './size/measure.js';
import { largestInputsTable, markdownTable } from './size/report.js';

/**
 * Our own code (React Query external), gzipped: the CI budget. The measured figure rounded up to
 * the next 64 B, so any growth past that rounding fails CI: on 2026-12-01, after the review fixes
 * (a body slower than the timeout, two providers of one query, resetQueries, late hydration, a
 * 400 without the error chunk, hydrated server values, the context in the storage key),
 * provider + useFlag measured 7,653 B (src) and 7,674 B (dist); 7,357 B before those fixes,
 * 7,676 B before the lazy error reader. The goal of issue 12 (GOAL_GZIP_BYTES) is reported beside
 * it and still missed; see BENCHMARKS.md §1.
 */
export const BUDGET_GZIP_BYTES = 7680;
export const GOAL_GZIP_BYTES = 6144;
/** Issue 12's goal for the core client alone (no React), gzipped; reported, not enforced. */
export const CORE_GOAL_GZIP_BYTES = 4608;
/** Rows whose largest inputs the report lists: the budgeted React entry and the core alone. */
const INPUT_ROWS = ['ours-react-own', 'ours-core'];

const USAGE = 'Usage: tsx bench/bundle-size.ts [--check | --competitors]';

const COMMAND =
  `esbuild <entry> --bundle --minify --format=esm --platform=browser --jsx=automatic ` +
  `--splitting --outdir=<tmp> --define:process.env.NODE_ENV='"production"' ` +
  REACT_EXTERNALS.map((name) => `--external:${name}`).join(' ');

interface Verdict {
  /** Budget, YAML and method rules all hold. */
  ok: boolean;
  /** No row bundled what it should keep external; when false, no number of this run is valid. */
  methodOk: boolean;
  lines: string[];
}

/** The budget and YAML rules, over whichever of our rows could be built. */
function judge(results: EntryResult[], entries: BundleEntry[]): Verdict {
  const lines: string[] = [];
  let ok = true;
  let methodOk = true;
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  let budgeted = results.filter((result) => byId.get(result.id)?.budgeted);
  if (budgeted.length === 0) {
    // Until src/react exists, the core client is all of our own code there is.
    budgeted = results.filter((result) => result.id === 'ours-core');
    lines.push(
      'note: src/react/index.ts not found; the budget is applied to the core client only.',
    );
  }
  for (const result of budgeted) {
    const pass = result.initial.gzip <= BUDGET_GZIP_BYTES;
    ok &&= pass;
    lines.push(
      `${pass ? 'PASS' : 'FAIL'} budget: ${result.label} is ${result.initial.gzip} B gzip ` +
        `(limit ${BUDGET_GZIP_BYTES} B${pass ? '' : `, ${result.initial.gzip - BUDGET_GZIP_BYTES} B over`}).`,
    );
  }
  // The issue's goals, reported beside the budget (the budget is what CI enforces).
  for (const [id, goal] of [
    ['ours-react-own', GOAL_GZIP_BYTES],
    ['ours-core', CORE_GOAL_GZIP_BYTES],
  ] as const) {
    const result = results.find((candidate) => candidate.id === id);
    if (!result) continue;
    const met = result.initial.gzip <= goal;
    lines.push(
      `${met ? 'MET' : 'MISSED'} goal: ${result.label} is ${result.initial.gzip} B gzip ` +
        `(goal ${goal} B${met ? '' : `, ${result.initial.gzip - goal} B over`}).`,
    );
  }
  for (const result of results.filter((result) => byId.get(result.id)?.jsonOnly)) {
    const pass = result.yamlInInitial.length === 0;
    ok &&= pass;
    lines.push(
      pass
        ? `PASS yaml: ${result.label} keeps yaml out of its initial chunks` +
            (result.lazyYaml.min ? ` (lazy YAML chunk ${result.lazyYaml.gzip} B gzip).` : '.')
        : `FAIL yaml: ${result.label} loads yaml up front: ${result.yamlInInitial.slice(0, 3).join(', ')}` +
            `${result.yamlInInitial.length > 3 ? ', …' : ''}. Import it with a dynamic import().`,
    );
  }
  for (const result of results.filter((result) => result.leakedExternals.length > 0)) {
    ok = false;
    methodOk = false;
    lines.push(
      `FAIL method: ${result.label} bundled a package meant to be external: ` +
        `${result.leakedExternals.slice(0, 3).join(', ')}.`,
    );
  }
  return { ok, methodOk, lines };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const install = args.includes('--competitors');
  if (args.some((arg) => arg !== '--check' && arg !== '--competitors') || (check && install)) {
    console.error(USAGE);
    return 2;
  }

  if (install) installCompetitors();
  const competitorsReady = !check && staleCompetitors().length === 0;
  const entries = [
    ...OUR_ENTRIES.filter(isAvailable),
    ...(competitorsReady ? COMPETITOR_ENTRIES : []),
  ];
  const skipped = OUR_ENTRIES.filter((entry) => !isAvailable(entry)).map(
    (entry) => `${entry.label} (needs ${entry.requires})`,
  );

  const results: EntryResult[] = [];
  for (const entry of entries) results.push(await measureEntry(entry));
  const verdict = judge(results, entries);
  const table = markdownTable(results);
  const inputTables = INPUT_ROWS.flatMap((id) => {
    const result = results.find((candidate) => candidate.id === id);
    return result ? [largestInputsTable(result)] : [];
  });

  const notes = [
    `esbuild ${esbuildVersion}, Node ${process.version}; gzip: zlib level ${GZIP_LEVEL}, each chunk on its own.`,
    `Command per entry: ${COMMAND} (+ --external:@tanstack/react-query for "own code" rows).`,
    'min/gzip bytes: the entry chunk plus every chunk it imports statically (first load); ' +
      'lazy: chunks reached only through import(), e.g. the yaml parser.',
    ...skipped.map((label) => `not measured: ${label}`),
    ...(check || competitorsReady
      ? []
      : ['competitors not measured: run `npm run bench:size` (installs bench/competitors).']),
  ];
  console.log(`${table}\n\n${notes.map((note) => `- ${note}`).join('\n')}\n`);
  console.log(`${inputTables.join('\n\n')}\n`);
  console.log(verdict.lines.join('\n'));

  if (!check) {
    const outDir = path.join(ROOT, 'bench/results');
    mkdirSync(outDir, { recursive: true });
    const report = {
      date: new Date().toISOString(),
      machine: machineInfo(),
      esbuild: esbuildVersion,
      command: COMMAND,
      gzipLevel: GZIP_LEVEL,
      budgetGzipBytes: BUDGET_GZIP_BYTES,
      verdict,
      skipped,
      results,
    };
    writeFileSync(path.join(outDir, 'bundle-size.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(
      path.join(outDir, 'bundle-size.md'),
      `${[table, ...inputTables, ['```text', ...verdict.lines, '```'].join('\n')].join('\n\n')}\n`,
    );
    console.error(`\nWrote bench/results/bundle-size.json and bundle-size.md.`);
  }
  return !verdict.methodOk || (check && !verdict.ok) ? 1 : 0;
}

process.exitCode = await main();
