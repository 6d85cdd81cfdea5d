/** Multi-variant flag documents: validation at deploy, evaluation, and what the data plane serves. */
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { describe, expect, it, onTestFinished } from 'vitest';
import { serve } from '../../src/server/node/serve.js';
import {
  FeatureFlagValidationError,
  createEmulator,
  evaluateFlags,
  toRetrievalFormat,
  validateFeatureFlags,
  type StoredFeatureFlags,
} from '../../src/server/index.js';
import { calls } from './emulator-harness.js';
import type { Doc } from './feature-flag-fixture.js';
import { UI_REFRESH, uiRefreshDoc } from './multi-variant-fixture.js';

const variants = (doc: Doc) => doc.values.ui_refresh._variants;

describe('validation of multi-variant documents', () => {
  it("accepts the user guide's CLI document", () => {
    expect(validateFeatureFlags(uiRefreshDoc())).toEqual([]);
  });

  it('accepts a top-level enabled next to _variants (ignored)', () => {
    const doc = uiRefreshDoc();
    doc.values.ui_refresh.enabled = true;
    expect(validateFeatureFlags(doc)).toEqual([]);
  });

  const cases: Array<{ name: string; mutate: (doc: Doc) => void; path: string; message: string }> =
    [
      {
        name: 'the default variant must be last and have no rule',
        mutate: (d) => (variants(d)[3].rule = '(eq $a 1)'),
        path: 'values.ui_refresh._variants[3].rule',
        message:
          'the last variant is the default and must not have a rule (put the default variant last, without a rule)',
      },
      {
        name: 'a variant before the last needs a rule',
        mutate: (d) => delete variants(d)[1].rule,
        path: 'values.ui_refresh._variants[1].rule',
        message:
          'is required: only the last variant (the default) has no rule; "Beta Testers" needs one or must move last',
      },
      {
        name: 'names are unique',
        mutate: (d) => (variants(d)[2].name = 'QA'),
        path: 'values.ui_refresh._variants[2].name',
        message:
          'variant name "QA" is already used by _variants[0]; names are unique within a flag',
      },
      {
        name: 'rules parse (position and reason)',
        mutate: (d) => (variants(d)[0].rule = '(ends_with $email)'),
        path: 'values.ui_refresh._variants[0].rule',
        message: 'is not a valid rule: at position 17: ends_with takes 2 operands; got 1',
      },
      {
        name: 'attribute values obey the constraints of the flag',
        mutate: (d) => (variants(d)[1].attributeValues.dark_mode_support = 'yes'),
        path: 'values.ui_refresh._variants[1].attributeValues.dark_mode_support',
        message:
          'must be a boolean (flags.ui_refresh.attributes.dark_mode_support.constraints.type)',
      },
      {
        name: 'a required attribute is required in every variant',
        mutate: (d) => {
          d.flags.ui_refresh.attributes.dark_mode_support.constraints.required = true;
          delete variants(d)[3].attributeValues;
        },
        path: 'values.ui_refresh._variants[3].attributeValues.dark_mode_support',
        message:
          'is required by flags.ui_refresh.attributes.dark_mode_support.constraints.required',
      },
      {
        name: 'attribute values have an attribute value shape',
        mutate: (d) => (variants(d)[0].attributeValues.extra = { nested: true }),
        path: 'values.ui_refresh._variants[0].attributeValues.extra',
        message:
          'an attribute value must be a string (at most 1024 characters), a number, a boolean, or an array of only strings or only numbers',
      },
      {
        name: 'attribute values stay inside the variants',
        mutate: (d) => (d.values.ui_refresh.dark_mode_support = true),
        path: 'values.ui_refresh.dark_mode_support',
        message:
          "is not allowed next to _variants: a multi-variant flag keeps attribute values in each variant's attributeValues",
      },
      {
        name: 'at least the default variant',
        mutate: (d) => (d.values.ui_refresh._variants = []),
        path: 'values.ui_refresh._variants',
        message: '_variants must hold at least the default variant (the last one, with no rule)',
      },
      {
        name: 'a variant has a name',
        mutate: (d) => delete variants(d)[0].name,
        path: 'values.ui_refresh._variants[0].name',
        message: 'name is required',
      },
      {
        name: 'a variant has enabled',
        mutate: (d) => delete variants(d)[0].enabled,
        path: 'values.ui_refresh._variants[0].enabled',
        message: 'enabled is required: every variant needs "enabled": true or false',
      },
      {
        name: 'a variant has no unknown members',
        mutate: (d) => (variants(d)[0].weight = 10),
        path: 'values.ui_refresh._variants[0].weight',
        message: 'is not allowed here (the schema sets additionalProperties: false)',
      },
      {
        name: 'a variant name is at most 64 characters',
        mutate: (d) => (variants(d)[0].name = 'x'.repeat(65)),
        path: 'values.ui_refresh._variants[0].name',
        message: 'a variant name must be 1 to 64 characters with no line break',
      },
    ];

  it.each(cases)('$name', ({ mutate, path, message }) => {
    const doc = uiRefreshDoc();
    mutate(doc);
    expect(validateFeatureFlags(doc)).toEqual([{ path, message }]);
  });

  it('a refused deployment names the path and keeps the last good version served', async () => {
    const emulator = createEmulator();
    emulator.deploy({ ...UI_REFRESH, type: 'AWS.AppConfig.FeatureFlags', content: uiRefreshDoc() });
    const bad = uiRefreshDoc();
    variants(bad)[0].rule = '(eq $email';
    let thrown: unknown;
    try {
      emulator.deploy({ ...UI_REFRESH, content: bad });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FeatureFlagValidationError);
    expect((thrown as Error).message).toBe(
      'Feature flag document refused: values.ui_refresh._variants[0].rule: is not a valid rule: at position 10: expected ")" to close the "(" at position 0',
    );
    expect(emulator.describe()[0]?.versionNumber).toBe(1);
  });
});

describe('evaluateFlags', () => {
  const doc = uiRefreshDoc() as StoredFeatureFlags;

  it('picks the first variant whose rule matches, with _variant', () => {
    expect(
      evaluateFlags(doc, { email: 'jane@qa-testers.mycompany.com', opted_in_to_beta: 'true' }),
    ).toEqual({
      ui_refresh: { _variant: 'QA', enabled: true, dark_mode_support: true },
      banner: { enabled: true, text: 'Hello' },
    });
    expect(
      evaluateFlags(doc, { email: 'jane_doe@example.org', opted_in_to_beta: 'false' }).ui_refresh,
    ).toEqual({
      _variant: 'Beta Testers',
      enabled: true,
      dark_mode_support: true,
    });
  });

  it('without context returns the default variant as the guide shows it', () => {
    expect(JSON.stringify(evaluateFlags(doc, {}).ui_refresh)).toBe(
      '{"_variant":"Default Variant","enabled":false}',
    );
  });

  it('sends about 1 caller in 10 to "Sample Population"', () => {
    let sample = 0;
    for (let i = 0; i < 20_000; i++) {
      if (
        evaluateFlags(doc, { email: `${i}@example.org` }).ui_refresh?._variant ===
        'Sample Population'
      )
        sample++;
    }
    expect(Math.abs(sample / 20_000 - 0.1)).toBeLessThan(0.01);
  });

  it('returns fresh objects each call', () => {
    const first = evaluateFlags(doc, {});
    first.banner!.enabled = false;
    expect(evaluateFlags(doc, {}).banner?.enabled).toBe(true);
  });

  it('the data-plane format serves the default variant without _variant', () => {
    expect(toRetrievalFormat(doc)).toEqual({
      ui_refresh: { enabled: false },
      banner: { enabled: true, text: 'Hello' },
    });
  });
});

describe('data plane', () => {
  const ids = {
    ApplicationIdentifier: UI_REFRESH.application,
    EnvironmentIdentifier: UI_REFRESH.environment,
    ConfigurationProfileIdentifier: UI_REFRESH.profile,
  };
  function setup() {
    const emulator = createEmulator();
    emulator.deploy({ ...UI_REFRESH, type: 'AWS.AppConfig.FeatureFlags', content: uiRefreshDoc() });
    return { emulator, ...calls(emulator) };
  }

  it('the official SDK gets the default variant and no variant data', async () => {
    const { emulator } = setup();
    const server = await serve(emulator.handle, { port: 0, host: '127.0.0.1' });
    const client = new AppConfigDataClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    onTestFinished(async () => {
      client.destroy();
      await server.close();
    });
    const { InitialConfigurationToken } = await client.send(
      new StartConfigurationSessionCommand(ids),
    );
    const latest = await client.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: InitialConfigurationToken }),
    );
    expect(JSON.parse(new TextDecoder().decode(latest.Configuration))).toEqual({
      ui_refresh: { enabled: false },
      banner: { enabled: true, text: 'Hello' },
    });
  });

  it('a session started with Context gets its variants, then the next deployment evaluated the same way', async () => {
    const { emulator, startToken, poll } = setup();
    const token = await startToken({ ...ids, Context: { email: 'jane@qa-testers.mycompany.com' } });
    const first = await poll(token);
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(await first.json()).toEqual({
      ui_refresh: { _variant: 'QA', enabled: true, dark_mode_support: true },
      banner: { enabled: true, text: 'Hello' },
    });
    const next = uiRefreshDoc();
    variants(next)[0].attributeValues.dark_mode_support = false;
    emulator.deploy({ ...UI_REFRESH, content: next });
    const second = await poll(first.headers.get('next-poll-configuration-token')!);
    expect((await second.json()).ui_refresh).toEqual({
      _variant: 'QA',
      enabled: true,
      dark_mode_support: false,
    });
  });

  it('sessions with and without Context are served side by side', async () => {
    const { startToken, poll } = setup();
    const plain = await poll(await startToken(ids));
    const beta = await poll(await startToken({ ...ids, Context: { opted_in_to_beta: true } }));
    expect((await plain.json()).ui_refresh).toEqual({ enabled: false });
    expect((await beta.json()).ui_refresh._variant).toBe('Beta Testers');
  });

  it('"Context": null is "not set"; {} asks for evaluated flags (default variants with _variant)', async () => {
    const { startToken, poll } = setup();
    expect(
      (await (await poll(await startToken({ ...ids, Context: null }))).json()).ui_refresh,
    ).toEqual({ enabled: false });
    expect(
      (await (await poll(await startToken({ ...ids, Context: {} }))).json()).ui_refresh,
    ).toEqual({
      _variant: 'Default Variant',
      enabled: false,
    });
  });

  it.each([
    [{ userId: ['a'] }, 'Context.userId must be a string, a number or a boolean; got an array.'],
    ['u1', 'Context must be an object of key/value pairs such as {"userId": "u1"}; got a string.'],
    [
      Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`k${i}`, 'v'])),
      'Context may have at most 25 keys; it has 26.',
    ],
    [{ email: 'x'.repeat(1025) }, 'Context.email may have at most 1024 characters; it has 1025.'],
  ])(
    'refuses a bad Context %# with 400 naming the field and the limit',
    async (context, message) => {
      const { start } = setup();
      const response = await start({ ...ids, Context: context });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-amzn-errortype')).toBe('BadRequestException');
      expect(await response.json()).toEqual({ Message: message });
    },
  );

  it('checks the identifiers before the Context', async () => {
    const { start } = setup();
    const response = await start({ ...ids, ApplicationIdentifier: '', Context: 'bad' });
    expect((await response.json()).Message).toMatch(
      /^1 validation error detected: .*applicationIdentifier/,
    );
  });
});
