/**
 * Bundles one entry with esbuild the way an app's production build would, and measures what a
 * browser downloads on first load (the entry chunk and every chunk it imports statically) apart
 * from what it only loads on demand (chunks behind a dynamic `import()`, such as `yaml`).
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { REACT_EXTERNALS, ROOT, type BundleEntry } from './entries.js';

/** zlib's default, and what `gzip -c` uses; the research's numbers use it too. */
export const GZIP_LEVEL = 6;

/** The esbuild options every entry shares (the CLI equivalent is printed in the report). */
export const SHARED_OPTIONS = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Code splitting keeps `import('yaml')` in its own chunk, as an app's bundler would.
  splitting: true,
} as const satisfies BuildOptions;

export interface SizePair {
  /** Bytes of the minified output. */
  min: number;
  /** Bytes after gzip at GZIP_LEVEL, each chunk compressed on its own (as served). */
  gzip: number;
}

export interface EntryResult {
  id: string;
  label: string;
  imports: string;
  group: BundleEntry['group'];
  /** Entry chunk plus its static imports. */
  initial: SizePair;
  /** Chunks reached only through dynamic `import()`. */
  lazy: SizePair;
  /** Of `lazy`, the chunks holding the `yaml` package. */
  lazyYaml: SizePair;
  /** Inputs from `node_modules/yaml/` found in the initial chunks (must be none for JSON-only entries). */
  yamlInInitial: string[];
  /** Inputs that should have been external (React, or React Query for an own-code row). */
  leakedExternals: string[];
  /** Every input of the initial chunks, largest first: minified bytes it left in the output. */
  inputs: InputSize[];
}

/** One source file's share of the initial chunks. */
export interface InputSize {
  /** Relative to the repo root. */
  path: string;
  /** Minified bytes it contributes (esbuild's `bytesInOutput`). */
  bytesInOutput: number;
}

/** For dist rows: resolves the entry's `src/<folder>/index.js` imports to the built files. */
function distPlugin(dist: Record<string, string>): Plugin {
  return {
    name: 'bench-dist',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /src\/(react|core|openfeature)\/index\.js$/ }, (args) => {
        const relative = path
          .relative(ROOT, path.resolve(args.resolveDir, args.path))
          .split(path.sep)
          .join('/');
        const target = dist[relative];
        return target ? { path: path.join(ROOT, target) } : undefined;
      });
    },
  };
}

function gzipSize(contents: Uint8Array): number {
  return gzipSync(contents, { level: GZIP_LEVEL }).byteLength;
}

function sum(files: SizePair[]): SizePair {
  const total: SizePair = { min: 0, gzip: 0 };
  for (const file of files) {
    total.min += file.min;
    total.gzip += file.gzip;
  }
  return total;
}

/** Outputs reachable from `start` through static imports (external imports are not outputs). */
function staticClosure(metafile: Metafile, start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output) || !metafile.outputs[output]) return;
    seen.add(output);
    for (const imported of metafile.outputs[output].imports) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(start);
  return seen;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

const isYamlInput = (input: string) => input.includes('node_modules/yaml/');

export async function measureEntry(entry: BundleEntry): Promise<EntryResult> {
  const external = [...REACT_EXTERNALS, ...(entry.external ?? [])];
  const entryPoint = entry.file;
  const result = await build({
    ...SHARED_OPTIONS,
    absWorkingDir: ROOT,
    entryPoints: [entryPoint],
    external,
    // Nothing is written: esbuild needs an outdir for splitting, the files stay in memory.
    outdir: path.join(ROOT, 'bench/results/bundles', entry.id),
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: entry.dist ? [distPlugin(entry.dist)] : [],
  });

  const { metafile } = result;
  const entryOutput = Object.keys(metafile.outputs).find(
    (output) => metafile.outputs[output]?.entryPoint === entryPoint,
  );
  if (!entryOutput) throw new Error(`esbuild produced no output for entry ${entryPoint}.`);

  const sizes = new Map<string, { min: number; gzip: number }>();
  for (const file of result.outputFiles) {
    const key = path.relative(ROOT, file.path).split(path.sep).join('/');
    sizes.set(key, { min: file.contents.byteLength, gzip: gzipSize(file.contents) });
  }
  const sizeOf = (output: string) => {
    const size = sizes.get(output);
    if (!size) throw new Error(`No file for metafile output ${output}.`);
    return size;
  };

  const initial = staticClosure(metafile, entryOutput);
  const outputs = Object.keys(metafile.outputs).filter((output) => output.endsWith('.js'));
  const lazy = outputs.filter((output) => !initial.has(output));
  const inputsOf = (output: string) => Object.keys(metafile.outputs[output]?.inputs ?? {});
  const initialInputs = [...initial].flatMap(inputsOf);
  const inputs = [...initial]
    .flatMap((output) =>
      Object.entries(metafile.outputs[output]?.inputs ?? {}).map(([input, { bytesInOutput }]) => ({
        path: input,
        bytesInOutput,
      })),
    )
    .filter((input) => input.bytesInOutput > 0)
    .sort((a, b) => b.bytesInOutput - a.bytesInOutput);

  // react-dom brings `scheduler` along: its presence means React itself got bundled.
  const externalPackages = new Set([...external.map(packageName), 'scheduler']);
  const leakedExternals = initialInputs.filter((input) =>
    [...externalPackages].some((name) => input.includes(`node_modules/${name}/`)),
  );

  return {
    id: entry.id,
    label: entry.label,
    imports: entry.imports,
    group: entry.group,
    initial: sum([...initial].map(sizeOf)),
    lazy: sum(lazy.map(sizeOf)),
    lazyYaml: sum(lazy.filter((output) => inputsOf(output).some(isYamlInput)).map(sizeOf)),
    yamlInInitial: initialInputs.filter(isYamlInput),
    leakedExternals,
    inputs,
  };
}
