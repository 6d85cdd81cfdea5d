/**
 * Production builds of the benchmark pages (bench/pages/*.tsx) with esbuild, the way an app's
 * bundler ships them: React, React Query and our code bundled and minified, `NODE_ENV` set to
 * production (React's production build, our development-only checks dropped), code splitting on
 * so the lazy `yaml` chunk stays out of the first load. The output stays in memory and is served
 * by bench/support/page-server.ts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { ROOT } from '../size/entries.js';
import { SHARED_OPTIONS } from '../size/measure.js';

/** One built page: its files by URL path (`/<name>/…`), and its first-load size. */
export interface BuiltPage {
  name: string;
  /** The entry's URL path, e.g. `/ours/first-flag-app.js`. */
  entry: string;
  files: Map<string, Uint8Array>;
  /** Bytes of the entry chunk and the chunks it imports statically (minified). */
  initialBytes: number;
  /** URL paths of the chunks the entry imports statically, for `<link rel="modulepreload">`. */
  preload: string[];
}

/**
 * Resolves the page's imports of this repository's `src/` to another copy of it (`srcRoot`),
 * e.g. an older commit's, so the same page can be built against both.
 */
function otherSource(srcRoot: string): Plugin {
  const ours = path.join(ROOT, 'src') + path.sep;
  return {
    name: 'bench-other-source',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /\/src\// }, (args) => {
        const wanted = path.resolve(args.resolveDir, args.path);
        if (!wanted.startsWith(ours)) return undefined;
        const moved = path.join(srcRoot, wanted.slice(ours.length));
        const candidates = [moved, moved.replace(/\.js$/, '.ts'), moved.replace(/\.js$/, '.tsx')];
        const found = candidates.find((candidate) => existsSync(candidate));
        if (!found) return { errors: [{ text: `${args.path} is not in ${srcRoot}` }] };
        return { path: found };
      });
    },
  };
}

/** Builds `entry` (relative to the repo root) as page `name`; `srcRoot` swaps in another src/. */
export async function buildPage(name: string, entry: string, srcRoot?: string): Promise<BuiltPage> {
  const outdir = path.join(ROOT, 'bench/results/pages', name);
  const result = await build({
    ...SHARED_OPTIONS,
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outdir,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: srcRoot ? [otherSource(srcRoot)] : [],
  });
  const files = new Map<string, Uint8Array>();
  for (const file of result.outputFiles) {
    files.set(
      `/${name}/${path.relative(outdir, file.path).split(path.sep).join('/')}`,
      file.contents,
    );
  }
  const outputs = result.metafile.outputs;
  const entryOutput = Object.keys(outputs).find((output) => outputs[output]?.entryPoint === entry);
  if (!entryOutput) throw new Error(`esbuild produced no output for ${entry}.`);
  let initialBytes = 0;
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    initialBytes += outputs[output]?.bytes ?? 0;
    for (const imported of outputs[output]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entryOutput);
  const relativeEntry = path.relative(
    path.join(ROOT, 'bench/results/pages', name),
    path.join(ROOT, entryOutput),
  );
  const urlOf = (output: string) =>
    `/${name}/${path.relative(outdir, path.join(ROOT, output)).split(path.sep).join('/')}`;
  return {
    name,
    entry: `/${name}/${relativeEntry.split(path.sep).join('/')}`,
    files,
    initialBytes,
    preload: [...seen].filter((output) => output !== entryOutput).map(urlOf),
  };
}
