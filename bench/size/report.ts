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

/** The `count` largest inputs of `result`'s initial chunks, with their share of its min bytes. */
export function largestInputsTable(result: EntryResult, count = 10): string {
  const rows = result.inputs
    .slice(0, count)
    .map((input, index) =>
      [
        index + 1,
        `\`${input.path}\``,
        bytes(input.bytesInOutput),
        `${((100 * input.bytesInOutput) / result.initial.min).toFixed(1)}%`,
      ].join(' | '),
    );
  return [
    `| # | input of ${result.label} | min bytes in output | share of ${bytes(result.initial.min)} min bytes |`,
    '| ---: | --- | ---: | ---: |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}
