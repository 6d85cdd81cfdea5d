/** The markdown of `npm run bench:requests`: the table, how each ideal is defined, the verdicts. */
import type { RequestCounts } from './bench-app.js';
import { markdownTable } from './markdown-table.js';

export interface Ideal {
  gets: number;
  starts: number;
  /** How the ideal was computed, shown under the table. */
  definition: string;
}

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

/** `steadyIdeal` is the ideal shared by the rows that define none of their own. */
export function requestsReport(results: readonly ScenarioResult[], steadyIdeal: Ideal): string {
  const rows = results.map((result) => {
    const { counts, ideal } = result;
    const sent = counts.gets + counts.starts;
    const wanted = ideal.gets + ideal.starts;
    return [
      result.scenario,
      result.components,
      counts.gets,
      counts.starts,
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
      { header: 'GET', align: 'right' },
      { header: 'sessions', align: 'right' },
      { header: 'requests', align: 'right' },
      { header: 'ideal', align: 'right' },
      { header: 'ratio', align: 'right' },
      { header: 'early', align: 'right' },
      { header: 'chain violations', align: 'right' },
      { header: 'query fetches', align: 'right' },
      { header: 'timers', align: 'right' },
    ],
    rows,
  );
  const verdicts = results.map((result) => {
    const sent = result.counts.gets + result.counts.starts;
    const wanted = result.ideal.gets + result.ideal.starts;
    const met =
      sent === wanted && result.counts.early === 0 && result.counts.violations.length === 0;
    return `${met ? 'PASS' : 'MISS'} ${result.scenario}: ${sent} requests for an ideal of ${wanted}, ${result.counts.early} early, ${result.counts.violations.length} chain violations.`;
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
