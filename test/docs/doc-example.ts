/**
 * Runs a named code block of a docs page (`// settings.test.tsx` on its first line) as a module:
 * written into test-results/docs-examples/ (inside the repository, so its imports of react, zod…
 * resolve), with only the imports of `appconfig-react` pointed at the sources, then imported.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractCodeBlocks } from '../../scripts/extract-code-blocks.js';

// Paths, not URLs: happy-dom replaces the global URL with one that knows no file: scheme.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRIES: Record<string, string> = {
  'appconfig-react': 'src/react/index.js',
  'appconfig-react/testing': 'src/testing/index.js',
  'appconfig-react/server': 'src/server/index.js',
  'appconfig-react/core': 'src/core/index.js',
};

/** The code of the block named `name` in `page` (e.g. `docs/testing.md`). */
export async function docBlock(page: string, name: string): Promise<string> {
  const blocks = extractCodeBlocks(await readFile(join(ROOT, page), 'utf8'));
  const block = blocks.find((b) => b.code.startsWith(`// ${name}\n`));
  if (!block) throw new Error(`${page} has no code block starting with "// ${name}".`);
  return block.code;
}

/** Writes the block named `name` of `page` as a module and imports it. */
export async function importDocBlock(page: string, name: string): Promise<unknown> {
  const out = join(ROOT, 'test-results/docs-examples', page.replace(/\W+/g, '-'));
  const code = (await docBlock(page, name)).replace(
    /from '(appconfig-react(?:\/[\w/]+)?)'/g,
    (match, entry: string) => {
      const target = ENTRIES[entry];
      if (!target) return match;
      return `from '${join(ROOT, target).split('\\').join('/')}'`;
    },
  );
  await mkdir(out, { recursive: true });
  const file = join(out, name);
  await writeFile(file, code);
  return import(/* @vite-ignore */ pathToFileURL(file).href);
}
