/**
 * docs/nextjs.md shows the Next.js example's files whole: each code block whose first line names a
 * file (`// app/page.tsx`, as scripts/check-docs.ts reads it) must be, after that line, that file
 * of examples/nextjs byte for byte, and every source file of the example's app/ and lib/ must be
 * shown.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = join(ROOT, 'examples/nextjs');

async function titledBlocks(): Promise<Map<string, string>> {
  const markdown = await readFile(join(ROOT, 'docs/nextjs.md'), 'utf8');
  const blocks = new Map<string, string>();
  for (const match of markdown.matchAll(/^```tsx?\n\/\/ (\S+)\n([\s\S]*?)^```$/gm)) {
    blocks.set(match[1]!, match[2]!);
  }
  return blocks;
}

async function sourceFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const dir of ['app', 'lib']) {
    for (const name of await readdir(join(EXAMPLE, dir), { recursive: true })) {
      if (/\.tsx?$/.test(name)) files.push(`${dir}/${name}`);
    }
  }
  return files.sort();
}

describe('docs/nextjs.md', () => {
  it('shows each file of the example as it is', async () => {
    const blocks = await titledBlocks();
    expect(blocks.size).toBeGreaterThan(0);
    for (const [path, code] of blocks) {
      expect(code, `docs/nextjs.md block "${path}"`).toBe(
        await readFile(join(EXAMPLE, path), 'utf8'),
      );
    }
  });

  it('shows every source file of the example', async () => {
    expect([...(await titledBlocks()).keys()].sort()).toEqual(await sourceFiles());
  });
});
