/**
 * The fenced code blocks of a Markdown file, with their language, line and the HTML comment
 * marker written on the line before (`<!-- fragment -->`), for the docs checker and the tests that
 * run the README's examples.
 *
 * Hand-written rather than a Markdown parser: only CommonMark's fence rules matter here (an
 * opening run of three or more backticks or tildes (indented any amount, as inside list items), closed by a run
 * of the same character at least as long), and they fit in a few lines.
 */

/** One fenced code block. */
export interface CodeBlock {
  /** First word of the info string, e.g. `tsx`; `''` when there is none. */
  lang: string;
  /** The code, without the fences. */
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** Text of an HTML comment alone on the line before the fence (blank lines skipped), e.g. `fragment`. */
  marker: string | undefined;
  /** The nearest heading above the block, without the `#`s. */
  heading: string | undefined;
}

const FENCE = /^( *)(`{3,}|~{3,})\s*([^\s`]*)/;
const MARKER = /^\s*<!--\s*(.*?)\s*-->\s*$/;
const HEADING = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/;

/** Every fenced block of `markdown`, in order. */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let heading: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const open = FENCE.exec(line);
    if (!open) {
      const title = HEADING.exec(line);
      if (title) heading = title[1];
      continue;
    }
    const indent = open[1]!.length;
    const fence = open[2]!;
    const body: string[] = [];
    let end = index + 1;
    for (; end < lines.length; end++) {
      const close = FENCE.exec(lines[end]!);
      if (close && close[2]![0] === fence[0] && close[2]!.length >= fence.length && !close[3])
        break;
      // As CommonMark does: content loses as much indentation as the opening fence had.
      body.push(lines[end]!.replace(new RegExp(`^ {0,${indent}}`), ''));
    }
    let before = index - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const marker = before >= 0 ? MARKER.exec(lines[before]!)?.[1] : undefined;
    blocks.push({
      lang: open[3] ?? '',
      code: `${body.join('\n')}\n`,
      line: index + 1,
      marker,
      heading,
    });
    index = end;
  }
  return blocks;
}
