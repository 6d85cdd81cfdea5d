/**
 * Model-driven validation: every constraint trait on every input member of both operations in the
 * AppConfig Data Smithy model (through its extract, test/fixtures/appconfigdata-constraints.json)
 * becomes violating and boundary-valid requests. A constraint the
 * emulator forgets, or a new constrained member in the model, fails here.
 */
import { describe, expect, it } from 'vitest';
import type { InputMember, ModelConstraints } from '../../scripts/extract-model-constraints.js';
import extract from '../fixtures/appconfigdata-constraints.json' with { type: 'json' };
import { IDS, ORIGIN, setup } from './emulator-harness.js';

// The facts-only extract of the model (scripts/extract-model-constraints.ts), kept in the repo so
// a fresh clone needs nothing beside it.
const model = extract as ModelConstraints;

/** Traits that constrain a value, and those that only bind or document it. */
const CONSTRAINTS = [
  'smithy.api#required',
  'smithy.api#length',
  'smithy.api#range',
  'smithy.api#pattern',
];
const IGNORED = ['smithy.api#documentation', 'smithy.api#httpQuery', 'smithy.api#default'];

interface Probe {
  label: string;
  value: unknown;
  valid: boolean;
}

const OMIT = Symbol('omit');

function probes(member: InputMember): Probe[] {
  const out: Probe[] = [];
  const { length, range, pattern } = member;
  const fitsLength = (s: string) =>
    !length || (s.length >= (length.min ?? 0) && s.length <= (length.max ?? Infinity));
  if (member.required) out.push({ label: 'omitted (required)', value: OMIT, valid: false });
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
  member: InputMember,
  value: unknown,
): Promise<Response> {
  const { operation, location } = member;
  if (operation === 'StartConfigurationSession' && location.in === 'body') {
    const body: Record<string, unknown> = { ...IDS, RequiredMinimumPollIntervalInSeconds: 15 };
    if (value === OMIT) delete body[member.member];
    else body[member.member] = value;
    return h.start(body);
  }
  if (operation === 'GetLatestConfiguration' && location.in === 'query') {
    const token = await h.startToken();
    const query =
      value === OMIT ? '' : `?${location.name}=${encodeURIComponent(String(value ?? token))}`;
    return h.emulator.fetch(`${ORIGIN}/configuration${query}`);
  }
  throw new Error(`No base request for ${operation}.${member.member}: teach this test about it.`);
}

describe('model constraints', () => {
  const { members } = model;

  it('comes from a recorded model file and commit', () => {
    expect(model.source).toEqual({
      repository: 'https://github.com/aws/api-models-aws',
      path: 'appconfigdata/service/2021-11-11/appconfigdata-2021-11-11.json',
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('knows every trait on the input members', () => {
    expect(members.map((m) => `${m.operation}.${m.member}`).sort()).toEqual([
      'GetLatestConfiguration.ConfigurationToken',
      'StartConfigurationSession.ApplicationIdentifier',
      'StartConfigurationSession.ConfigurationProfileIdentifier',
      'StartConfigurationSession.EnvironmentIdentifier',
      'StartConfigurationSession.RequiredMinimumPollIntervalInSeconds',
    ]);
    for (const member of members) {
      for (const trait of member.traits) {
        expect(
          [...CONSTRAINTS, ...IGNORED],
          `${member.operation}.${member.member}: unhandled trait`,
        ).toContain(trait);
      }
    }
  });

  it('gives resources IDs that match the model Id shape', () => {
    const id = model.shapes.Id!.pattern!;
    const { deployed } = setup();
    for (const value of [deployed.applicationId, deployed.environmentId, deployed.profileId])
      expect(value).toMatch(new RegExp(id));
  });

  const cases = members.flatMap((member) =>
    probes(member).map((probe) => ({
      member,
      probe,
      name: `${member.operation}.${member.member} ${probe.label}`,
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
        expect(body?.Message).toContain(`'${lowerFirst(member.member)}'`);
      }
    });

  it('answers success with the status codes of the model', async () => {
    const code = (op: string) => model.operations[op]!.code;
    const h = setup();
    const started = await h.start();
    expect(started.status).toBe(code('StartConfigurationSession'));
    const { InitialConfigurationToken } = (await started.json()) as {
      InitialConfigurationToken: string;
    };
    expect((await h.poll(InitialConfigurationToken)).status).toBe(code('GetLatestConfiguration'));
  });
});
