/**
 * Writes the facts the emulator's model-driven tests need from the AWS AppConfig Data Smithy model:
 * each operation's HTTP binding and, for every input member, where it travels and its constraints
 * (required, length, range, pattern), with the model's source, commit and sha256. No documentation
 * text is copied: the extract holds names, numbers and patterns only.
 *
 *   tsx scripts/extract-model-constraints.ts <appconfigdata.smithy.json> \
 *     --repository https://github.com/aws/api-models-aws \
 *     --path appconfigdata/service/2021-11-11/appconfigdata-2021-11-11.json \
 *     --commit 56c8953e87aeead95ae5e66a3ca6a355731db6ad \
 *     [--out test/fixtures/appconfigdata-constraints.json]
 *
 * The tests read only the extract, so a fresh clone needs nothing outside the repository. Rerun this
 * when the model changes (a new constrained member, a changed limit) and commit the result.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Where the model came from (recorded in the extract). */
export interface ModelSource {
  /** Repository URL, e.g. `https://github.com/aws/api-models-aws`. */
  repository: string;
  /** Path of the model file inside that repository. */
  path: string;
  /** Full commit hash the file was read at. */
  commit: string;
}

/** Constraint traits, as Smithy writes them. */
export interface Constraints {
  length?: { min?: number; max?: number };
  range?: { min?: number; max?: number };
  pattern?: string;
}

/** One input member of one operation, with its target shape's constraints merged in. */
export interface InputMember extends Constraints {
  operation: string;
  member: string;
  /** Target shape name, without the namespace. */
  target: string;
  required: boolean;
  /** `query` members name their query parameter; the rest travel in the JSON body. */
  location: { in: 'query'; name: string } | { in: 'body' };
  /** Every trait on the member or its target, by name (documentation included), sorted. */
  traits: string[];
}

/** The extract written to the repository. */
export interface ModelConstraints {
  source: ModelSource & { sha256: string };
  smithy: string;
  generator: string;
  operations: Record<string, { method: string; uri: string; code: number }>;
  /** Constrained simple shapes (strings, numbers), by name without the namespace. */
  shapes: Record<string, Constraints & { type: string }>;
  members: InputMember[];
}

type Traits = Record<string, unknown>;
interface SmithyShape {
  type: string;
  traits?: Traits;
  members?: Record<string, { target: string; traits?: Traits }>;
  input?: { target: string };
}
interface SmithyModel {
  smithy?: string;
  shapes?: Record<string, SmithyShape>;
}

/** Default output: the extract the tests read. */
export const DEFAULT_OUT = fileURLToPath(
  new URL('../test/fixtures/appconfigdata-constraints.json', import.meta.url),
);

const localName = (id: string) => id.slice(id.indexOf('#') + 1);

function constraintsOf(traits: Traits): Constraints {
  const out: Constraints = {};
  const length = traits['smithy.api#length'] as Constraints['length'];
  const range = traits['smithy.api#range'] as Constraints['range'];
  const pattern = traits['smithy.api#pattern'];
  if (length) out.length = { ...length };
  if (range) out.range = { ...range };
  if (typeof pattern === 'string') out.pattern = pattern;
  return out;
}

/** The facts of `model` (a Smithy 2.0 JSON AST). Throws when it is not one. */
export function extractModelConstraints(
  model: unknown,
  source: ModelSource & { sha256: string },
): ModelConstraints {
  const shapes = (model as SmithyModel | null)?.shapes;
  if (typeof shapes !== 'object' || shapes === null) {
    throw new Error('Not a Smithy JSON AST: no "shapes" object at the top level.');
  }
  const operations: ModelConstraints['operations'] = {};
  const members: InputMember[] = [];
  const constrained: ModelConstraints['shapes'] = {};

  for (const [id, shape] of Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b))) {
    if (shape.type === 'operation') {
      const http = shape.traits?.['smithy.api#http'] as
        { method: string; uri: string; code?: number } | undefined;
      const name = localName(id);
      if (http) operations[name] = { method: http.method, uri: http.uri, code: http.code ?? 200 };
      if (!shape.input) continue;
      const input = shapes[shape.input.target];
      if (!input) throw new Error(`${name}: input shape ${shape.input.target} is missing.`);
      for (const [member, ref] of Object.entries(input.members ?? {})) {
        // Constraints may sit on the member or on its target; the member's win, as in Smithy.
        const traits = { ...shapes[ref.target]?.traits, ...ref.traits };
        const query = traits['smithy.api#httpQuery'];
        members.push({
          operation: name,
          member,
          target: localName(ref.target),
          required: 'smithy.api#required' in traits,
          location: typeof query === 'string' ? { in: 'query', name: query } : { in: 'body' },
          ...constraintsOf(traits),
          traits: Object.keys(traits).sort(),
        });
      }
    } else if (shape.type !== 'structure' && shape.type !== 'service' && shape.traits) {
      const constraints = constraintsOf(shape.traits);
      if (Object.keys(constraints).length > 0)
        constrained[localName(id)] = { type: shape.type, ...constraints };
    }
  }
  return {
    source,
    smithy: (model as SmithyModel).smithy ?? 'unknown',
    generator: 'scripts/extract-model-constraints.ts',
    operations,
    shapes: constrained,
    members,
  };
}

const USAGE =
  'Usage: tsx scripts/extract-model-constraints.ts <model.json> --repository <url> --path <path-in-repo> --commit <sha> [--out <file>]';

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        repository: { type: 'string' },
        path: { type: 'string' },
        commit: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [modelPath] = positionals;
  if (!modelPath || positionals.length > 1 || !values.repository || !values.path) {
    console.error(USAGE);
    return 2;
  }
  if (!/^[0-9a-f]{40}$/.test(values.commit ?? '')) {
    console.error(`--commit must be a full 40-character commit hash; got "${values.commit}".`);
    return 2;
  }
  const bytes = readFileSync(modelPath);
  const extract = extractModelConstraints(JSON.parse(bytes.toString('utf8')), {
    repository: values.repository,
    path: values.path,
    commit: values.commit!,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  const out = values.out ? resolve(values.out) : DEFAULT_OUT;
  writeFileSync(out, `${JSON.stringify(extract, null, 2)}\n`);
  console.log(
    `Wrote ${out}: ${Object.keys(extract.operations).length} operations, ${extract.members.length} input members.`,
  );
  return 0;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  process.exitCode = main(process.argv.slice(2));
}
