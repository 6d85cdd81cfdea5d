/**
 * Model-driven validation: every constraint trait on every input member of both operations in the
 * AppConfig Data Smithy model becomes violating and boundary-valid requests. A constraint the
 * emulator forgets, or a new constrained member in the model, fails here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IDS, ORIGIN, setup } from './emulator-harness.js';

// CI clones the repo beside the shared folder: <repo>/../shared/spec.
const MODEL_PATH = fileURLToPath(
  new URL('../../../shared/spec/appconfigdata.smithy.json', import.meta.url),
);

type Traits = Record<string, unknown>;
interface Shape {
  type: string;
  traits?: Traits;
  members?: Record<string, { target: string; traits?: Traits }>;
  input?: { target: string };
}
interface Model {
  shapes: Record<string, Shape>;
}

function loadModel(): { model?: Model; error?: Error } {
  try {
    return { model: JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as Model };
  } catch (cause) {
    return {
      error: new Error(
        `Cannot read the AppConfig Data model at ${MODEL_PATH}. Clone the shared repository as a folder named "shared" next to this repository (expected <repo>/../shared/spec/appconfigdata.smithy.json).`,
        { cause },
      ),
    };
  }
}

const { model, error: modelError } = loadModel();

/** Traits that constrain a value, and those that only bind or document it. */
const CONSTRAINTS = [
  'smithy.api#required',
  'smithy.api#length',
  'smithy.api#range',
  'smithy.api#pattern',
];
const IGNORED = ['smithy.api#documentation', 'smithy.api#httpQuery', 'smithy.api#default'];

interface Member {
  operation: string;
  name: string;
  traits: Traits;
  query?: string;
}

function inputMembers(m: Model): Member[] {
  const members: Member[] = [];
  for (const [id, shape] of Object.entries(m.shapes)) {
    if (shape.type !== 'operation' || !shape.input) continue;
    const input = m.shapes[shape.input.target]!;
    for (const [name, member] of Object.entries(input.members ?? {})) {
      const target = m.shapes[member.target];
      // Follow the member to its shape: constraints may sit on either.
      const traits = { ...target?.traits, ...member.traits };
      members.push({
        operation: id.split('#')[1]!,
        name,
        traits,
        query: traits['smithy.api#httpQuery'] as string | undefined,
      });
    }
  }
  return members;
}

interface Probe {
  label: string;
  value: unknown;
  valid: boolean;
}

const OMIT = Symbol('omit');

function probes(member: Member): Probe[] {
  const out: Probe[] = [];
  const t = member.traits;
  const length = t['smithy.api#length'] as { min?: number; max?: number } | undefined;
  const range = t['smithy.api#range'] as { min?: number; max?: number } | undefined;
  const pattern = t['smithy.api#pattern'] as string | undefined;
  const fitsLength = (s: string) =>
    !length || (s.length >= (length.min ?? 0) && s.length <= (length.max ?? Infinity));
  if ('smithy.api#required' in t)
    out.push({ label: 'omitted (required)', value: OMIT, valid: false });
  if (length) {
    const { min = 0, max } = length;
    out.push({ label: `length ${min} (min)`, value: 'a'.repeat(min), valid: min > 0 || !pattern });
    if (min > 0)
      out.push({
        label: `length ${min - 1} (below min)`,
        value: 'a'.repeat(min - 1),
        valid: false,
      });
    if (max !== undefined) {
      out.push({ label: `length ${max} (max)`, value: 'a'.repeat(max), valid: true });
      out.push({
        label: `length ${max + 1} (above max)`,
        value: 'a'.repeat(max + 1),
        valid: false,
      });
    }
  }
  if (range) {
    const { min, max } = range;
    if (min !== undefined) {
      out.push(
        { label: `${min} (min)`, value: min, valid: true },
        { label: `${min - 1} (below min)`, value: min - 1, valid: false },
      );
    }
    if (max !== undefined) {
      out.push(
        { label: `${max} (max)`, value: max, valid: true },
        { label: `${max + 1} (above max)`, value: max + 1, valid: false },
      );
    }
  }
  if (pattern) {
    const regex = new RegExp(pattern);
    const bounds = [...pattern.matchAll(/\{(\d+),(\d+)\}/g)].flatMap((q) => [
      Number(q[1]),
      Number(q[2]),
    ]);
    const lengths = new Set(bounds.flatMap((n) => [n - 1, n, n + 1]).filter((n) => n >= 0));
    const candidates = [
      ...[...lengths].map((n) => 'a'.repeat(n)),
      'a b',
      'a\tb',
      'a\nb',
      ' a',
      'a ',
    ];
    for (const candidate of candidates) {
      const shown = candidate.length > 12 ? `${candidate.length} × "a"` : JSON.stringify(candidate);
      out.push({
        label: `pattern ${pattern}: ${shown}`,
        value: candidate,
        valid: regex.test(candidate) && fitsLength(candidate),
      });
    }
  }
  return out;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const VALIDATION = /^\d+ validation errors? detected: /;

/** A valid base request for each operation; members are overridden one at a time. */
async function send(
  h: ReturnType<typeof setup>,
  member: Member,
  value: unknown,
): Promise<Response> {
  if (member.operation === 'StartConfigurationSession') {
    const body: Record<string, unknown> = { ...IDS, RequiredMinimumPollIntervalInSeconds: 15 };
    if (value === OMIT) delete body[member.name];
    else body[member.name] = value;
    return h.start(body);
  }
  if (member.operation === 'GetLatestConfiguration' && member.query) {
    const token = await h.startToken();
    const query =
      value === OMIT ? '' : `?${member.query}=${encodeURIComponent(String(value ?? token))}`;
    return h.emulator.fetch(`${ORIGIN}/configuration${query}`);
  }
  throw new Error(
    `No base request for ${member.operation}.${member.name}: teach this test about it.`,
  );
}

describe('model constraints', () => {
  it('reads the AppConfig Data model from the shared folder', () => {
    if (modelError) throw modelError;
    expect(model?.shapes).toBeDefined();
  });
  if (!model) return;
  const members = inputMembers(model);

  it('knows every trait on the input members', () => {
    expect(members.map((m) => `${m.operation}.${m.name}`).sort()).toEqual([
      'GetLatestConfiguration.ConfigurationToken',
      'StartConfigurationSession.ApplicationIdentifier',
      'StartConfigurationSession.ConfigurationProfileIdentifier',
      'StartConfigurationSession.EnvironmentIdentifier',
      'StartConfigurationSession.RequiredMinimumPollIntervalInSeconds',
    ]);
    for (const member of members) {
      for (const trait of Object.keys(member.traits)) {
        expect(
          [...CONSTRAINTS, ...IGNORED],
          `${member.operation}.${member.name}: unhandled trait`,
        ).toContain(trait);
      }
    }
  });

  it('gives resources IDs that match the model Id shape', () => {
    const id = model.shapes['com.amazonaws.appconfigdata#Id']!.traits![
      'smithy.api#pattern'
    ] as string;
    const { deployed } = setup();
    for (const value of [deployed.applicationId, deployed.environmentId, deployed.profileId])
      expect(value).toMatch(new RegExp(id));
  });

  const cases = members.flatMap((member) =>
    probes(member).map((probe) => ({
      member,
      probe,
      name: `${member.operation}.${member.name} ${probe.label}`,
    })),
  );

  for (const { name, member, probe } of cases)
    it(name, async () => {
      const h = setup();
      const response = await send(h, member, probe.value);
      const body =
        response.status >= 300 ? ((await response.json()) as { Message: string }) : undefined;
      const isValidationError = response.status === 400 && VALIDATION.test(body?.Message ?? '');
      if (probe.valid) {
        expect(isValidationError, `accepted, got ${response.status} ${body?.Message}`).toBe(false);
        expect(response.status).toBeLessThan(500);
      } else {
        expect(response.status).toBe(400);
        expect(response.headers.get('x-amzn-errortype')).toBe('BadRequestException');
        expect(body?.Message).toMatch(VALIDATION);
        expect(body?.Message).toContain(`'${lowerFirst(member.name)}'`);
      }
    });

  it('answers success with the status codes of the model', async () => {
    const code = (op: string) =>
      (
        model.shapes[`com.amazonaws.appconfigdata#${op}`]!.traits!['smithy.api#http'] as {
          code: number;
        }
      ).code;
    const h = setup();
    const started = await h.start();
    expect(started.status).toBe(code('StartConfigurationSession'));
    const { InitialConfigurationToken } = (await started.json()) as {
      InitialConfigurationToken: string;
    };
    expect((await h.poll(InitialConfigurationToken)).status).toBe(code('GetLatestConfiguration'));
  });
});
