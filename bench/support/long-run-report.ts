/** The markdown of `npm run bench:long-run`: heap and timers by day, requests, verdicts. */
import type { HeapBreakdown } from './heap-breakdown.js';
import { formatCell, markdownTable } from './markdown-table.js';
import type { RequestTally } from './request-counter.js';

export const DAYS = 7;
/**
 * The emulator keeps every token for 48 hours (then sweeps), so the heap of any run, the control
 * included, climbs for the first two days; flatness is judged from day 2 on.
 */
export const SETTLED_DAY = 2;
/** Polls of the 60-second chain from SETTLED_DAY to DAYS. */
const POLLS_JUDGED = (DAYS - SETTLED_DAY) * 1440;
/**
 * Growth of the program's objects above which the heap is not called flat: what one leaked
 * 36-byte object per poll would add (about 253 KiB over days 2 to 7).
 */
export const FLAT_OBJECT_BYTES = 36 * POLLS_JUDGED;

export interface Sample {
  label: string;
  /** Virtual days since the start. */
  day: number;
  heapUsed: number;
  timers: number;
  gets: number;
  starts: number;
}

export interface RunResult {
  run: string;
  /** Column name in the heap table. */
  short: string;
  samples: Sample[];
  /** Heap snapshot breakdown at the end of SETTLED_DAY and of the last day. */
  settled: HeapBreakdown;
  last: HeapBreakdown;
  tally: RequestTally;
  /** Configuration answers a perfect client gets in the week: one per interval from 0. */
  idealPolls: number;
}

/** Configuration answers: GETs plus session starts that brought the first configuration. */
const polls = (r: RunResult) => r.tally.gets + r.tally.combined;

const kib = (bytes: number) =>
  `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 })} KiB`;
const signedKib = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${kib(Math.abs(bytes))}`;

export function longRunReport(runs: readonly RunResult[]): string {
  const labels = runs[0]?.samples.map((s) => s.label) ?? [];
  const heapTable = markdownTable(
    [
      { header: 'sample (virtual time)' },
      ...runs.flatMap((r) => [
        { header: `${r.short}: heap used`, align: 'right' as const },
        { header: `${r.short}: timers`, align: 'right' as const },
      ]),
    ],
    labels.map((label, index) => [
      label,
      ...runs.flatMap((r) => [kib(r.samples[index]!.heapUsed), r.samples[index]!.timers]),
    ]),
  );
  const requestTable = markdownTable(
    [
      { header: 'run (7 virtual days)' },
      { header: 'polls', align: 'right' },
      { header: 'ideal polls', align: 'right' },
      { header: 'ratio', align: 'right' },
      { header: 'polls per day (min–max)', align: 'right' },
      { header: 'sessions', align: 'right' },
      { header: 'of which combined', align: 'right' },
      { header: 'GET', align: 'right' },
      { header: 'early', align: 'right' },
      { header: 'failed', align: 'right' },
      { header: 'overlapping', align: 'right' },
      { header: `heap used, day ${SETTLED_DAY} → ${DAYS}`, align: 'right' },
      { header: 'objects', align: 'right' },
      { header: 'code and engine', align: 'right' },
      { header: 'timers each day', align: 'right' },
    ],
    runs.map((r) => {
      const perDay = r.tally.byDay.map((d) => (d?.gets ?? 0) + (d?.combined ?? 0));
      const timers = new Set(daily(r).map((s) => s.timers));
      return [
        r.run,
        polls(r),
        r.idealPolls,
        (polls(r) / r.idealPolls).toFixed(2),
        `${formatCell(Math.min(...perDay))}–${formatCell(Math.max(...perDay))}`,
        r.tally.starts,
        r.tally.combined,
        r.tally.gets,
        r.tally.early,
        r.tally.failed,
        r.tally.overlapping,
        signedKib(heapGrowth(r)),
        signedKib(r.last.objects - r.settled.objects),
        signedKib(r.last.engine - r.settled.engine),
        [...timers].join(', '),
      ];
    }),
  );
  const verdicts = runs.map((r) => {
    const days = daily(r);
    const timersFlat = new Set(days.map((s) => s.timers)).size === 1;
    const end = r.samples.at(-1)!;
    const requestsOk =
      polls(r) === r.idealPolls &&
      r.tally.starts === 1 &&
      r.tally.combined === 1 &&
      r.tally.early === 0;
    const objects = r.last.objects - r.settled.objects;
    const ok = objects <= FLAT_OBJECT_BYTES && timersFlat && end.timers === 0 && requestsOk;
    const timers = timersFlat
      ? `flat at ${days[0]!.timers}`
      : `varied: ${days.map((s) => s.timers).join(', ')}`;
    return (
      `${ok ? 'PASS' : 'MISS'} ${r.run}: objects ${signedKib(objects)} from day ${SETTLED_DAY} ` +
      `to day ${DAYS} (flat means ≤ +${kib(FLAT_OBJECT_BYTES)}), heap used ` +
      `${signedKib(heapGrowth(r))}; timers ${timers}, ${end.timers} after stopping; ` +
      `${polls(r)} polls for an ideal of ${r.idealPolls} (${r.tally.combined} combined session ` +
      `start + ${r.tally.gets} GET), ${r.tally.starts} session(s), ${r.tally.early} early.`
    );
  });
  return [heapTable, '', requestTable, '', '```text', ...verdicts, '```'].join('\n');
}

const heapGrowth = (r: RunResult) =>
  r.samples.find((s) => s.label === `day ${DAYS}`)!.heapUsed -
  r.samples.find((s) => s.label === `day ${SETTLED_DAY}`)!.heapUsed;

/** The samples taken at the end of each virtual day. */
const daily = (r: RunResult) => r.samples.filter((s) => s.label.startsWith('day'));
