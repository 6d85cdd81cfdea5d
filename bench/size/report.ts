/** Renders bundle-size results as the markdown table pasted into BENCHMARKS.md. */
import type { EntryResult, SizePair } from './measure.js';

const bytes = (value: number) => value.toLocaleString('en-US');
const lazyCell = (size: SizePair, value: number) => (size.min === 0 ? '—' : bytes(value));

export function markdownTable(results: EntryResult[]): string {
  const rows = results.map((result) =>
    [
      result.label,
      result.imports,
      bytes(result.initial.min),
      bytes(result.initial.gzip),
      lazyCell(result.lazy, result.lazy.min),
      lazyCell(result.lazy, result.lazy.gzip),
    ].join(' | '),
  );
  return [
    '| entry | what the entry imports | min bytes | gzip bytes | lazy min bytes | lazy gzip bytes |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}
