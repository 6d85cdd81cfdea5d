/** The markdown of `npm run bench:requests`: the table, how each ideal is defined, the verdicts. */
import type { RequestCounts } from './bench-app.js';
import { markdownTable } from './markdown-table.js';

export interface Ideal {
  /**
   * Configuration answers a perfect client gets in the hour: the first one, then one per allowed
   * interval. With the combined first call the first one comes with the session start.
   */
  polls: number;
  starts: number;
  /** The server answers the combined first call, so the first poll costs no request of its own. */
  combined: boolean;
  /** How the ideal was computed, shown under the table. */
  definition: string;
}

/** Requests a perfect client sends for `ideal`. */
export const idealRequests = (ideal: Ideal): number =>
  ideal.starts + ideal.polls - (ideal.combined ? ideal.starts : 0);

export interface ScenarioResult {
  scenario: string;
  components: number;
  counts: RequestCounts;
  ideal: Ideal;
  /** Fetches React Query started (each one calls the query function, i.e. `client.poll()`). */
  queryFetches: number;
  /** Pending fake timers at the end of the hour (`vi.getTimerCount()`). */
  timersAtEnd: number;
  /** Scenario-specific measurements, one sentence each. */
  findings: string[];
}

const sentOf = (counts: RequestCounts) => counts.gets + counts.starts;
/** Configuration answers and refusals alike: every request that spent (or tried) a token. */
const pollsOf = (counts: RequestCounts) => counts.gets + counts.combined;

/** `steadyIdeal` is the ideal shared by the rows that define none of their own. */
export function requestsReport(results: readonly ScenarioResult[], steadyIdeal: Ideal): string {
  const rows = results.map((result) => {
    const { counts, ideal } = result;
    const sent = sentOf(counts);
    const wanted = idealRequests(ideal);
    return [
      result.scenario,
      result.components,
      counts.starts,
      counts.combined,
      counts.gets,
      pollsOf(counts),
      ideal.polls,
      sent,
      wanted,
      (sent / wanted).toFixed(2),
      counts.early,
      counts.violations.length,
      result.queryFetches,
      result.timersAtEnd,
    ];
  });
  const table = markdownTable(
    [
      { header: 'scenario (1 simulated hour)' },
      { header: 'components', align: 'right' },
      { header: 'sessions', align: 'right' },
      { header: 'of which combined', align: 'right' },
      { header: 'GET', align: 'right' },
      { header: 'polls', align: 'right' },
      { header: 'ideal polls', align: 'right' },
      { header: 'requests', align: 'right' },
      { header: 'ideal requests', align: 'right' },
      { header: 'ratio', align: 'right' },
      { header: 'early', align: 'right' },
      { header: 'chain violations', align: 'right' },
      { header: 'query fetches', align: 'right' },
      { header: 'timers', align: 'right' },
    ],
    rows,
  );
  const verdicts = results.map((result) => {
    const { counts, ideal } = result;
    const sent = sentOf(counts);
    const wanted = idealRequests(ideal);
    const met =
      sent === wanted &&
      pollsOf(counts) === ideal.polls &&
      counts.starts === ideal.starts &&
      counts.early === 0 &&
      counts.violations.length === 0;
    return (
      `${met ? 'PASS' : 'MISS'} ${result.scenario}: ${sent} requests for an ideal of ${wanted} ` +
      `(${pollsOf(counts)} polls for ${ideal.polls}, ${counts.combined} of ${counts.starts} ` +
      `session starts combined), ${counts.early} early, ${counts.violations.length} chain violations.`
    );
  });
  const definitions = results
    .filter((result) => result.ideal !== steadyIdeal)
    .map((result) => `- ideal of "${result.scenario}": ${result.ideal.definition}.`);
  definitions.unshift(`- ideal of the other rows: ${steadyIdeal.definition}.`);
  const findings = results.flatMap((result) => result.findings.map((line) => `- ${line}`));
  const markdown = [table, '', ...definitions, ...findings, '', '```text', ...verdicts, '```'].join(
    '\n',
  );
  return markdown;
}
