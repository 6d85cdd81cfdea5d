// @vitest-environment happy-dom
/**
 * The README's "Use" example, exactly as written, against the emulator serving the bundled sample
 * data at /appconfig: the flag and the free-form banner both show. Only the import of
 * 'appconfig-react' is pointed at the sources (the package is not built for unit tests).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import type { ComponentType } from 'react';
import { afterAll, expect, it, vi } from 'vitest';
import { extractCodeBlocks } from '../../scripts/extract-code-blocks.js';
import { createEmulator } from '../../src/server/emulator/create-emulator.js';
import { deployDataFolder } from '../../src/server/node/deploy-data-folder.js';

// Paths, not URLs: happy-dom replaces the global URL with one that knows no file: scheme.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = join(ROOT, 'data/sample');
// Inside the repository (git-ignored), so the example's own imports (react, zod) resolve.
const OUT = join(ROOT, 'test-results/readme-use');

const emulator = createEmulator({ basePath: '/appconfig' });
afterAll(() => {
  cleanup();
  emulator.close();
});

/** The first tsx block under the README's "Use" heading. */
async function readmeUseExample(): Promise<string> {
  const blocks = extractCodeBlocks(await readFile(join(ROOT, 'README.md'), 'utf8'));
  const block = blocks.find((b) => b.heading === 'Use' && b.lang === 'tsx');
  if (!block) throw new Error('README.md has no ```tsx block under "## Use".');
  return block.code;
}

it("renders the README's Use example with the sample data's flag and banner", async () => {
  const outcomes = await deployDataFolder(emulator, SAMPLE);
  expect(outcomes.map((o) => o.status)).not.toContain('refused');
  const code = (await readmeUseExample()).replaceAll(
    "from 'appconfig-react'",
    "from '../../src/react/index.js'",
  );
  expect(code).toContain('../../src/react/index.js');
  await mkdir(OUT, { recursive: true });
  const file = join(OUT, 'app.tsx');
  await writeFile(file, code);
  const { App } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
    App: ComponentType;
  };

  // The page's relative endpoint reaches the emulator: the network is the only thing replaced.
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
    emulator.fetch(new URL(input instanceof Request ? input.url : input, location.href), init),
  );
  render(<App />);
  await waitFor(() => expect(screen.getByRole('heading').textContent).toBe('Dark mode is on'), {
    timeout: 5_000,
  });
  expect(screen.getByRole('banner').className).toBe('dark');
  await waitFor(() => expect(screen.getByText('Welcome to the AppConfig React demo')).toBeTruthy());
});
