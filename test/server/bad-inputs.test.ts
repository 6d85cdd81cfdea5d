import { describe, expect, it } from 'vitest';
import { IDS, ORIGIN, errorOf, setup } from './emulator-harness.js';

type Harness = ReturnType<typeof setup>;

interface Case {
  name: string;
  send: (h: Harness) => Promise<Response>;
  status: number;
  type: string;
  /** Exact message, or a pattern when part of it comes from the JSON parser. */
  message: string | RegExp;
  problem?: 'Corrupted' | 'Expired' | 'PollIntervalNotSatisfied';
}

const V1 = '1 validation error detected: ';
const notNull = (member: string) =>
  `Value null at '${member}' failed to satisfy constraint: Member must not be null`;
const fails = (member: string, constraint: string) =>
  `Value at '${member}' failed to satisfy constraint: ${constraint}`;
const tooLong = (member: string) =>
  fails(member, 'Member must have length less than or equal to 128');
const TOKEN_RULE = fails(
  'configurationToken',
  'Member must satisfy regular expression pattern: ^\\S{1,8192}$',
);
const interval = (value: unknown) => ({ ...IDS, RequiredMinimumPollIntervalInSeconds: value });
const without = (member: keyof typeof IDS) => {
  const body: Record<string, string> = { ...IDS };
  delete body[member];
  return body;
};
const post = (body: BodyInit) => (h: Harness) =>
  h.emulator.fetch(`${ORIGIN}/configurationsessions`, { method: 'POST', body });
const request = (method: string, path: string) => (h: Harness) =>
  h.emulator.fetch(`${ORIGIN}${path}`, { method });
const pollRaw = (query: string) => (h: Harness) =>
  h.emulator.fetch(`${ORIGIN}/configuration${query}`);
const BAD = { status: 400, type: 'BadRequestException' } as const;
const NOT_FOUND = { status: 404, type: 'ResourceNotFoundException' } as const;
const ALL_MISSING =
  '3 validation errors detected: ' +
  [
    notNull('applicationIdentifier'),
    notNull('environmentIdentifier'),
    notNull('configurationProfileIdentifier'),
  ].join('; ');

const cases: Case[] = [
  // StartConfigurationSession: members
  {
    name: 'no ApplicationIdentifier',
    send: (h) => h.start(without('ApplicationIdentifier')),
    ...BAD,
    message: V1 + notNull('applicationIdentifier'),
  },
  {
    name: 'no EnvironmentIdentifier',
    send: (h) => h.start(without('EnvironmentIdentifier')),
    ...BAD,
    message: V1 + notNull('environmentIdentifier'),
  },
  {
    name: 'no ConfigurationProfileIdentifier',
    send: (h) => h.start(without('ConfigurationProfileIdentifier')),
    ...BAD,
    message: V1 + notNull('configurationProfileIdentifier'),
  },
  {
    name: 'ApplicationIdentifier null',
    send: (h) => h.start({ ...IDS, ApplicationIdentifier: null }),
    ...BAD,
    message: V1 + notNull('applicationIdentifier'),
  },
  { name: 'empty object', send: (h) => h.start({}), ...BAD, message: ALL_MISSING },
  { name: 'empty body', send: post(''), ...BAD, message: ALL_MISSING },
  {
    name: 'ApplicationIdentifier empty',
    send: (h) => h.start({ ...IDS, ApplicationIdentifier: '' }),
    ...BAD,
    message:
      V1 + fails('applicationIdentifier', 'Member must have length greater than or equal to 1'),
  },
  {
    name: 'ApplicationIdentifier 129 chars',
    send: (h) => h.start({ ...IDS, ApplicationIdentifier: 'a'.repeat(129) }),
    ...BAD,
    message: V1 + tooLong('applicationIdentifier'),
  },
  {
    name: 'EnvironmentIdentifier 129 chars',
    send: (h) => h.start({ ...IDS, EnvironmentIdentifier: 'e'.repeat(129) }),
    ...BAD,
    message: V1 + tooLong('environmentIdentifier'),
  },
  {
    name: 'ConfigurationProfileIdentifier 129 chars',
    send: (h) => h.start({ ...IDS, ConfigurationProfileIdentifier: 'p'.repeat(129) }),
    ...BAD,
    message: V1 + tooLong('configurationProfileIdentifier'),
  },
  {
    name: 'ApplicationIdentifier a number',
    send: (h) => h.start({ ...IDS, ApplicationIdentifier: 123 }),
    ...BAD,
    message: V1 + fails('applicationIdentifier', 'Member must be a string'),
  },
  {
    name: 'EnvironmentIdentifier an object',
    send: (h) => h.start({ ...IDS, EnvironmentIdentifier: { id: 'x' } }),
    ...BAD,
    message: V1 + fails('environmentIdentifier', 'Member must be a string'),
  },
  {
    name: 'interval 14',
    send: (h) => h.start(interval(14)),
    ...BAD,
    message:
      V1 +
      fails(
        'requiredMinimumPollIntervalInSeconds',
        'Member must have value greater than or equal to 15',
      ),
  },
  {
    name: 'interval 0',
    send: (h) => h.start(interval(0)),
    ...BAD,
    message:
      V1 +
      fails(
        'requiredMinimumPollIntervalInSeconds',
        'Member must have value greater than or equal to 15',
      ),
  },
  {
    name: 'interval -1',
    send: (h) => h.start(interval(-1)),
    ...BAD,
    message:
      V1 +
      fails(
        'requiredMinimumPollIntervalInSeconds',
        'Member must have value greater than or equal to 15',
      ),
  },
  {
    name: 'interval 86401',
    send: (h) => h.start(interval(86_401)),
    ...BAD,
    message:
      V1 +
      fails(
        'requiredMinimumPollIntervalInSeconds',
        'Member must have value less than or equal to 86400',
      ),
  },
  {
    name: 'interval 1e20',
    send: (h) => h.start(interval(1e20)),
    ...BAD,
    message:
      V1 +
      fails(
        'requiredMinimumPollIntervalInSeconds',
        'Member must have value less than or equal to 86400',
      ),
  },
  {
    name: 'interval 15.5',
    send: (h) => h.start(interval(15.5)),
    ...BAD,
    message: V1 + fails('requiredMinimumPollIntervalInSeconds', 'Member must be an integer'),
  },
  {
    name: 'interval "30"',
    send: (h) => h.start(interval('30')),
    ...BAD,
    message: V1 + fails('requiredMinimumPollIntervalInSeconds', 'Member must be an integer'),
  },
  {
    name: 'interval true',
    send: (h) => h.start(interval(true)),
    ...BAD,
    message: V1 + fails('requiredMinimumPollIntervalInSeconds', 'Member must be an integer'),
  },
  {
    name: 'two bad members, in model order',
    send: (h) =>
      h.start({ ...IDS, RequiredMinimumPollIntervalInSeconds: 1, ApplicationIdentifier: '' }),
    ...BAD,
    message: `2 validation errors detected: ${fails('applicationIdentifier', 'Member must have length greater than or equal to 1')}; ${fails('requiredMinimumPollIntervalInSeconds', 'Member must have value greater than or equal to 15')}`,
  },
  // StartConfigurationSession: body
  {
    name: 'malformed JSON',
    send: post('{"ApplicationIdentifier":'),
    ...BAD,
    message: /^The request body is not valid JSON \(.+\); send a JSON object\.$/,
  },
  {
    name: 'array body',
    send: post('[]'),
    ...BAD,
    message: 'The request body must be a JSON object; got an array.',
  },
  {
    name: 'string body',
    send: post('"DemoApp"'),
    ...BAD,
    message: 'The request body must be a JSON object; got a string.',
  },
  {
    name: 'null body',
    send: post('null'),
    ...BAD,
    message: 'The request body must be a JSON object; got null.',
  },
  {
    name: 'number body',
    send: post('42'),
    ...BAD,
    message: 'The request body must be a JSON object; got a number.',
  },
  {
    name: 'invalid UTF-8',
    send: post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
    ...BAD,
    message: 'The request body is not valid UTF-8; send a JSON object.',
  },
  {
    name: 'body over 64 KiB, streamed',
    send: post(JSON.stringify({ ...IDS, pad: 'x'.repeat(70_000) })),
    ...BAD,
    message:
      'The request body is too large: the limit is 65536 bytes (64 KiB); got more than that.',
  },
  {
    name: 'body over 64 KiB, declared',
    send: (h) =>
      h.emulator.handle(
        new Request(`${ORIGIN}/configurationsessions`, {
          method: 'POST',
          headers: { 'content-length': '70000' },
          body: 'x'.repeat(70_000),
        }),
      ),
    ...BAD,
    message: 'The request body is too large: the limit is 65536 bytes (64 KiB); got 70000 bytes.',
  },
  // StartConfigurationSession: resources
  {
    name: 'unknown application',
    send: (h) => h.start({ ...IDS, ApplicationIdentifier: 'Nope' }),
    ...NOT_FOUND,
    message:
      'Application "Nope" was not found (ApplicationIdentifier matches neither an ID nor a name).',
  },
  {
    name: 'unknown environment',
    send: (h) => h.start({ ...IDS, EnvironmentIdentifier: 'Nope' }),
    ...NOT_FOUND,
    message:
      'Environment "Nope" was not found (EnvironmentIdentifier matches neither an ID nor a name).',
  },
  {
    name: 'unknown profile',
    send: (h) => h.start({ ...IDS, ConfigurationProfileIdentifier: 'Nope' }),
    ...NOT_FOUND,
    message:
      'Configuration profile "Nope" was not found (ConfigurationProfileIdentifier matches neither an ID nor a name).',
  },
  {
    name: 'identifier differing only in case',
    send: (h) => h.start({ ...IDS, ApplicationIdentifier: 'demoapp' }),
    ...NOT_FOUND,
    message:
      'Application "demoapp" was not found (ApplicationIdentifier matches neither an ID nor a name).',
  },
  // GetLatestConfiguration: token
  { name: 'no token', send: pollRaw(''), ...BAD, message: V1 + notNull('configurationToken') },
  {
    name: 'token under another name',
    send: pollRaw('?ConfigurationToken=abc'),
    ...BAD,
    message: V1 + notNull('configurationToken'),
  },
  { name: 'empty token', send: pollRaw('?configuration_token='), ...BAD, message: V1 + TOKEN_RULE },
  { name: 'token with a space', send: (h) => h.poll('abc def'), ...BAD, message: V1 + TOKEN_RULE },
  { name: 'token with a tab', send: (h) => h.poll('abc\tdef'), ...BAD, message: V1 + TOKEN_RULE },
  { name: 'token with a newline', send: (h) => h.poll('abc\n'), ...BAD, message: V1 + TOKEN_RULE },
  {
    name: 'token of 8193 characters',
    send: (h) => h.poll('t'.repeat(8193)),
    ...BAD,
    message: V1 + TOKEN_RULE,
  },
  {
    name: 'unknown token',
    send: (h) => h.poll('not-a-token'),
    ...BAD,
    message: /^The configuration token is corrupted/,
    problem: 'Corrupted',
  },
  {
    name: 'tampered token',
    send: async (h) => {
      const token = await h.startToken();
      return h.poll(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    },
    ...BAD,
    message: /^The configuration token is corrupted/,
    problem: 'Corrupted',
  },
  // Routing
  {
    name: 'DELETE /configuration',
    send: request('DELETE', '/configuration'),
    status: 405,
    type: 'MethodNotAllowedException',
    message: 'DELETE is not allowed on /configuration; use GET.',
  },
  {
    name: 'POST /configuration',
    send: request('POST', '/configuration'),
    status: 405,
    type: 'MethodNotAllowedException',
    message: 'POST is not allowed on /configuration; use GET.',
  },
  {
    name: 'PUT /configurationsessions',
    send: request('PUT', '/configurationsessions'),
    status: 405,
    type: 'MethodNotAllowedException',
    message: 'PUT is not allowed on /configurationsessions; use POST.',
  },
  {
    name: 'unknown path',
    send: request('GET', '/applications/DemoApp'),
    status: 404,
    type: 'UnknownOperationException',
    message:
      'No operation at GET /applications/DemoApp. This endpoint serves POST /configurationsessions and GET /configuration.',
  },
  {
    name: 'trailing slash',
    send: request('POST', '/configurationsessions/'),
    status: 404,
    type: 'UnknownOperationException',
    message:
      'No operation at POST /configurationsessions/. This endpoint serves POST /configurationsessions and GET /configuration.',
  },
];

describe('bad inputs', () => {
  it('has at least 30 distinct cases', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$name → $status $type', async (c) => {
    const h = setup();
    const error = await errorOf(await c.send(h));
    expect(error.status).toBe(c.status);
    expect(error.type).toBe(c.type);
    if (typeof c.message === 'string') expect(error.message).toBe(c.message);
    else expect(error.message).toMatch(c.message);
    expect(error.problem).toBe(c.problem);
    // Only token problems carry Reason/Details (the model's BadRequestDetails are about tokens).
    if (c.problem) expect(error.body.Reason).toBe('InvalidParameters');
    else expect(error.body).not.toHaveProperty('Details');
  });
});
