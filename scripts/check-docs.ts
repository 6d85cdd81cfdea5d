/**
 * Type-checks every ```ts and ```tsx block of README.md and docs/*.md against the sources, so a
 * renamed option or hook breaks `npm test` instead of the reader's first try.
 *
 *   tsx scripts/check-docs.ts            prints each problem as <file>:<line>; exits 1 if any
 *
 * How a block becomes a module (all in memory, nothing is written):
 * - Each block is its own module, checked with the repository's tsconfig.json except for module
 *   resolution, which is Vite's (`bundler`): the docs show app code, whose imports carry no
 *   extension. `appconfig-react` and `appconfig-react/*` resolve to src/.
 * - A block whose first line is a file name comment (`// signed-fetch.ts`, `// app/layout.tsx`)
 *   is that file, so other blocks of the same page can import it (`'./signed-fetch'`);
 *   `// header.stories.tsx (continued)` appends to the block of that name.
 * - Names a block uses without importing them are imported for it from the package's entry points
 *   and the libraries the docs build on, or from the page's named files. Placeholders for the
 *   reader's own code (`App`, `Header`…) and packages the docs mention but the repository does not
 *   install get small typed stand-ins (all in doc-stand-ins.ts), so the lines around them that
 *   use our API are still checked.
 * - A block that is only JSX (an opening tag alone, two siblings) is wrapped in `<>…</>` on the
 *   same lines (as-module-code.ts).
 * - A block preceded by `<!-- fragment -->` is not checked (an opening tag alone, say). Keep those
 *   few: the checker lists them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { asModuleCode } from './as-module-code.js';
import { AUTO_IMPORT_FROM, NOT_INSTALLED, READER_CODE, READER_MODULES } from './doc-stand-ins.js';
import { extractCodeBlocks, type CodeBlock } from './extract-code-blocks.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Virtual files live here, inside the repository, so node_modules resolves as for real files.
const VIRTUAL = join(ROOT, '.docs-check');

/** A Markdown file to check. */
export interface DocSource {
  /** Path relative to the repository, e.g. `docs/react.md`. */
  path: string;
  text: string;
}

/** One type error, at its Markdown line. */
export interface DocProblem {
  file: string;
  line: number;
  message: string;
}

export interface DocsReport {
  /** Blocks checked, by file. */
  checked: Record<string, number>;
  /** Blocks skipped as fragments: `<file>:<line> (<heading>)`. */
  fragments: string[];
  problems: DocProblem[];
}

const CODE_LANGS = new Set(['ts', 'tsx', 'typescript']);
const FILE_COMMENT = /^\/\/ ((?:[\w.[\]-]+\/)*[\w.-]+\.tsx?)( \(continued\))?\s*(?:$|\s)/;

interface Piece {
  block: CodeBlock;
  /** Line of this piece's first code line in the virtual file (0-based). */
  offset: number;
}

interface VirtualFile {
  doc: string;
  path: string;
  code: string;
  pieces: Piece[];
  /** Import lines added at the end (after the code, so line numbers stay). */
  imports: string[];
}

/** All Markdown files the checker reads: README.md and docs/*.md. */
export function defaultDocSources(): DocSource[] {
  const paths = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/${f}`),
  ];
  return paths.map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
}

function virtualFiles(docs: DocSource[], fragments: string[], checked: Record<string, number>) {
  const files = new Map<string, VirtualFile>();
  docs.forEach((doc, docIndex) => {
    const dir = join(VIRTUAL, `doc${docIndex}`);
    checked[doc.path] = 0;
    for (const block of extractCodeBlocks(doc.text)) {
      if (!CODE_LANGS.has(block.lang)) continue;
      if (block.marker === 'fragment') {
        fragments.push(`${doc.path}:${block.line} (${block.heading ?? 'top'})`);
        continue;
      }
      checked[doc.path]! += 1;
      const named = FILE_COMMENT.exec(block.code);
      const ext = block.lang === 'tsx' ? '.tsx' : '.ts';
      let path = named ? join(dir, named[1]!) : join(dir, `block-${block.line}${ext}`);
      const existing = files.get(path);
      if (existing && named?.[2]) {
        existing.pieces.push({ block, offset: existing.code.split('\n').length - 1 });
        existing.code += block.code;
        continue;
      }
      if (existing) path = path.replace(/(\.tsx?)$/, `.${block.line}$1`);
      files.set(path, {
        doc: doc.path,
        path,
        code: asModuleCode(block.code, block.lang),
        pieces: [{ block, offset: 0 }],
        imports: [],
      });
    }
    for (const [name, code] of Object.entries(READER_MODULES)) {
      const path = join(dir, `${name}.tsx`);
      if (![...files.keys()].some((p) => p.replace(/\.tsx?$/, '') === path.replace(/\.tsx$/, '')))
        files.set(path, { doc: doc.path, path, code, pieces: [], imports: [] });
    }
  });
  return files;
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  return {
    ...parsed.options,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    moduleDetection: ts.ModuleDetectionKind.Force,
    verbatimModuleSyntax: false, // app code may import types without `import type`
    noEmit: true,
    baseUrl: ROOT,
    paths: {
      'appconfig-react': ['src/react/index.ts'],
      'appconfig-react/*': ['src/*/index.ts'],
    },
  };
}

function createProgram(
  files: Map<string, VirtualFile>,
  options: ts.CompilerOptions,
  oldProgram?: ts.Program,
) {
  const text = new Map<string, string>();
  for (const file of files.values())
    text.set(file.path, `${file.code}\n${file.imports.join('\n')}\n`);
  const readerCode = join(VIRTUAL, 'reader-code.d.ts');
  text.set(readerCode, READER_CODE);
  const notInstalled = join(VIRTUAL, 'not-installed.d.ts');
  text.set(
    notInstalled,
    Object.entries(NOT_INSTALLED)
      .map(([name, body]) => `declare module '${name}' {${body}\n}`)
      .join('\n'),
  );
  const probe = join(VIRTUAL, 'auto-import-probe.ts');
  text.set(
    probe,
    AUTO_IMPORT_FROM.map((name, index) => `import * as m${index} from '${name}';`).join('\n') +
      `\nexport { ${AUTO_IMPORT_FROM.map((_, index) => `m${index}`).join(', ')} };\n`,
  );
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  const dirs = new Set<string>();
  for (const name of text.keys())
    for (let dir = dirname(name); dir.startsWith(VIRTUAL); dir = dirname(dir)) dirs.add(dir);
  host.fileExists = (name) => text.has(name) || fileExists.call(host, name);
  host.directoryExists = (name) => dirs.has(name) || (directoryExists?.call(host, name) ?? true);
  host.readFile = (name) => text.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, onError, create) => {
    const content = text.get(name);
    return content === undefined
      ? getSourceFile.call(host, name, language, onError, create)
      : ts.createSourceFile(name, content, language, true);
  };
  const program = ts.createProgram({ rootNames: [...text.keys()], options, host, oldProgram });
  return { program, probe };
}

/** Exported names of each auto-import module, and of each page's named files. */
function exportedNames(program: ts.Program, probe: string, files: Map<string, VirtualFile>) {
  const checker = program.getTypeChecker();
  const exportsOf = (file: ts.SourceFile | undefined) => {
    const symbol = file && checker.getSymbolAtLocation(file);
    return symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : [];
  };
  // Each import of the probe names one module: its exports, values and types alike.
  const modules = program
    .getSourceFile(probe)!
    .statements.filter(ts.isImportDeclaration)
    .map((declaration, index) => {
      const symbol = checker.getSymbolAtLocation(declaration.moduleSpecifier);
      const names = new Set(symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : []);
      return { from: AUTO_IMPORT_FROM[index]!, names };
    });
  const named = new Map<string, Set<string>>(); // doc → names exported by its named files
  for (const file of files.values()) {
    if (!file.pieces.length || /block-\d+/.test(file.path)) continue;
    const names = exportsOf(program.getSourceFile(file.path));
    const set = named.get(file.doc) ?? new Set<string>();
    for (const name of names) set.add(`${name}\0${file.path}`);
    named.set(file.doc, set);
  }
  return { modules, named };
}

const MISSING_NAME = new Set([2304, 2552, 2582, 2593]);

function missingNames(program: ts.Program, file: VirtualFile): string[] {
  const source = program.getSourceFile(file.path)!;
  const names = new Set<string>();
  for (const d of program.getSemanticDiagnostics(source)) {
    if (!MISSING_NAME.has(d.code) || d.start === undefined) continue;
    names.add(source.text.slice(d.start, d.start + (d.length ?? 0)));
  }
  return [...names];
}

function toMarkdownLine(file: VirtualFile, virtualLine: number): number {
  let piece = file.pieces[0];
  for (const candidate of file.pieces) if (candidate.offset <= virtualLine) piece = candidate;
  if (!piece) return 0;
  return piece.block.line + 1 + (virtualLine - piece.offset);
}

/** Checks the docs; nothing is written anywhere. */
export function checkDocs(docs: DocSource[] = defaultDocSources()): DocsReport {
  const fragments: string[] = [];
  const checked: Record<string, number> = {};
  const files = virtualFiles(docs, fragments, checked);
  const options = compilerOptions();

  // Pass 1: which names does each block use without importing them?
  const first = createProgram(files, options);
  const { modules, named } = exportedNames(first.program, first.probe, files);
  for (const file of files.values()) {
    for (const name of missingNames(first.program, file)) {
      const module = modules.find((m) => m.names.has(name));
      if (module) {
        file.imports.push(`import { ${name} } from '${module.from}';`);
        continue;
      }
      const own = [...(named.get(file.doc) ?? [])].find((entry) => entry.startsWith(`${name}\0`));
      const target = own?.split('\0')[1];
      if (!target || target === file.path) continue;
      const spec = relative(dirname(file.path), target).split('\\').join(posix.sep);
      const bare = spec.replace(/\.tsx?$/, '');
      file.imports.push(`import { ${name} } from '${bare.startsWith('.') ? bare : `./${bare}`}';`);
    }
  }
  // Pass 2: the real check.
  const { program } = createProgram(files, options, first.program);
  const problems: DocProblem[] = [];
  for (const file of files.values()) {
    if (!file.pieces.length) continue;
    const source = program.getSourceFile(file.path)!;
    const codeLines = file.code.split('\n').length - 1;
    for (const d of [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ]) {
      const { line } = source.getLineAndCharacterOfPosition(d.start ?? 0);
      let message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (MISSING_NAME.has(d.code))
        message +=
          ' (import it in the block, or declare a stand-in in READER_CODE of scripts/doc-stand-ins.ts)';
      problems.push({
        file: file.doc,
        line: line < codeLines ? toMarkdownLine(file, line) : 0,
        message,
      });
    }
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { checked, fragments, problems };
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const report = checkDocs();
  const total = Object.values(report.checked).reduce((a, b) => a + b, 0);
  console.log(
    `Checked ${total} TypeScript blocks: ${Object.entries(report.checked)
      .map(([file, n]) => `${file} ${n}`)
      .join(', ')}.`,
  );
  if (report.fragments.length)
    console.log(`Skipped as <!-- fragment -->: ${report.fragments.join(', ')}.`);
  for (const p of report.problems) console.error(`${p.file}:${p.line}: ${p.message}`);
  process.exitCode = report.problems.length ? 1 : 0;
}
