/**
 * Where every benchmark of this folder leaves its output: the markdown goes to stdout (to paste
 * into BENCHMARKS.md), and bench/results/<name>.json and <name>.md keep the run with its machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo, type MachineInfo } from '../machine.js';

// A path, not `new URL(…)`: under happy-dom the global URL is the DOM's, which Node's fs refuses.
const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../results/');

export interface BenchReport {
  /** The npm script that produced it, e.g. `npm run bench:requests`. */
  command: string;
  /** ISO date of the run (wall clock, not the virtual one). */
  date: string;
  machine: MachineInfo;
  /** The markdown printed, tables and verdicts. */
  markdown: string;
  data: unknown;
}

/** Prints `markdown` and writes bench/results/<name>.json and <name>.md. */
export function writeResults(
  name: string,
  command: string,
  markdown: string,
  data: unknown,
  date: string,
): BenchReport {
  const machine = machineInfo();
  const report: BenchReport = { command, date, machine, markdown, data };
  const header =
    `${command} (${date}; ${machine.cpuModel}, ${machine.cores} cores, ` +
    `${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node})`;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${RESULTS}${name}.md`, `${header}\n\n${markdown}\n`);
  process.stdout.write(
    `\n${header}\n\n${markdown}\n\nWrote bench/results/${name}.json and ${name}.md.\n`,
  );
  return report;
}
