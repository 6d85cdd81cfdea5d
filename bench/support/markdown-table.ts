/**
 * A markdown table laid out the way Prettier lays it out (padded cells, `---:` for right-aligned
 * columns), so a table pasted from a run into BENCHMARKS.md survives `prettier --check` as it is.
 */

/** `left` for text, `right` for numbers. */
export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

export type Cell = string | number;

/** Thousands separators for integers, two decimals for ratios and other fractions. */
export function formatCell(value: Cell): string {
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toFixed(2);
}

export function markdownTable(
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
): string {
  const text = rows.map((row) => columns.map((_, index) => formatCell(row[index] ?? '')));
  const widths = columns.map((column, index) =>
    Math.max(3, column.header.length, ...text.map((row) => row[index]!.length)),
  );
  const pad = (value: string, index: number) =>
    columns[index]!.align === 'right'
      ? value.padStart(widths[index]!)
      : value.padEnd(widths[index]!);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rule = columns.map((column, index) =>
    column.align === 'right' ? `${'-'.repeat(widths[index]! - 1)}:` : '-'.repeat(widths[index]!),
  );
  return [
    line(columns.map((column, index) => pad(column.header, index))),
    line(rule),
    ...text.map((row) => line(row.map(pad))),
  ].join('\n');
}
