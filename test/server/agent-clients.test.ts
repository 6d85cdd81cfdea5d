/**
 * Clients written for the AppConfig Agent against the emulator on a real socket (127.0.0.1):
 * the user guide's curl calls ("Retrieving basic and multi-variant feature flags") and Powertools
 * for AWS Lambda (TypeScript)'s Agent client, `getConfig` from `parameters/appconfig-agent`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { getConfig } from '@aws-lambda-powertools/parameters/appconfig-agent';
import { ParameterNotFoundError } from '@aws-lambda-powertools/parameters/errors';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmulator, evaluateFlags, type StoredFeatureFlags } from '../../src/server/index.js';
import { serve, type ServedHandler } from '../../src/server/node/serve.js';
import { UI_REFRESH, uiRefreshDoc } from './multi-variant-fixture.js';

const run = promisify(execFile);
const CURL = '/usr/bin/curl';

// The guide's document alone: its outputs show only ui_refresh.
const doc = uiRefreshDoc();
delete doc.flags.banner;
delete doc.values.banner;

let server: ServedHandler;
beforeAll(async () => {
  const emulator = createEmulator();
  emulator.deploy({ ...UI_REFRESH, type: 'AWS.AppConfig.FeatureFlags', content: doc });
  server = await serve(emulator.handle, { port: 0, host: '127.0.0.1' });
});
afterAll(() => server.close());

describe.skipIf(!existsSync(CURL))("the user guide's curl calls", () => {
  const url = () =>
    `${server.url}/applications/UIRefresh/environments/Production/configurations/Features`;
  async function curl(...args: string[]): Promise<unknown> {
    const { stdout } = await run(CURL, ['-s', '--fail-with-body', ...args]);
    return JSON.parse(stdout);
  }

  it('without caller context: the Default variant, exactly as printed in the guide', async () => {
    expect(await curl(url())).toEqual({
      ui_refresh: { _variant: 'Default Variant', enabled: false },
    });
  });

  it('jane_doe@example.org, opted_in_to_beta=false and =true: Beta Testers by the CLI document', async () => {
    // The guide prints "QA" for these calls; they were made against its console screenshot,
    // whose rules only exist as an image. The CLI document's QA rule needs an e-mail ending in
    // qa-testers.mycompany.com, so "exists opted_in_to_beta" picks Beta Testers (docs/variants.md).
    for (const optedIn of ['false', 'true']) {
      expect(
        await curl(
          url(),
          '-H',
          'Context: email=jane_doe@example.org',
          '-H',
          `Context: opted_in_to_beta=${optedIn}`,
        ),
      ).toEqual({
        ui_refresh: { _variant: 'Beta Testers', dark_mode_support: true, enabled: true },
      });
    }
  });

  it("a QA tester (the CLI document's domain) gets QA", async () => {
    expect(await curl(url(), '-H', 'Context: email=jane_doe@qa-testers.mycompany.com')).toEqual({
      ui_refresh: { _variant: 'QA', dark_mode_support: true, enabled: true },
    });
  });

  it('the 10-caller traffic split loop: each caller gets Sample Population or the default, consistently', async () => {
    const seen = new Set<string>();
    for (let i = 0; i <= 9; i++) {
      const context = { email: `${i}@example.org` };
      const body = (await curl(url(), '-H', `Context: email=${context.email}`)) as Record<
        string,
        { _variant: string }
      >;
      expect(body).toEqual(evaluateFlags(doc as StoredFeatureFlags, context));
      expect(['Sample Population', 'Default Variant']).toContain(body.ui_refresh!._variant);
      seen.add(body.ui_refresh!._variant);
      expect(await curl(url(), '-H', `Context: email=${context.email}`)).toEqual(body);
    }
    expect(seen.has('Default Variant')).toBe(true);
  });

  it('?flag= for one flag and for several', async () => {
    expect(await curl(`${url()}?flag=ui_refresh`)).toEqual({
      _variant: 'Default Variant',
      enabled: false,
    });
    expect(await curl(`${url()}?flag=ui_refresh&flag=ui_refresh`)).toEqual({
      ui_refresh: { _variant: 'Default Variant', enabled: false },
    });
  });

  it('a missing flag gets the NoSuchFlag body', async () => {
    const { stdout } = await run(CURL, ['-s', '-w', '\\n%{http_code}', `${url()}?flag=featureC`]);
    expect(stdout).toBe(
      '{"Details":{"Value":{"featureC":{"Problem":"NoSuchFlag"}}},"Message":"Configuration data missing one or more flag values","Reason":"InvalidParameters"}\n400',
    );
  });

  it('sends Configuration-Version and Content-Type', async () => {
    const { stdout } = await run(CURL, ['-s', '-D', '-', '-o', '/dev/null', url()]);
    expect(stdout).toMatch(/^configuration-version: 1\r$/im);
    expect(stdout).toMatch(/^content-type: application\/json\r$/im);
  });
});

describe("Powertools for AWS Lambda (TypeScript): getConfig from '@aws-lambda-powertools/parameters/appconfig-agent'", () => {
  function asLambda() {
    // getConfig calls the Agent only inside Lambda (AWS_LAMBDA_INITIALIZATION_TYPE set), on
    // http://localhost:$AWS_APPCONFIG_EXTENSION_HTTP_PORT (default 2772).
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    vi.stubEnv('POWERTOOLS_DEV', '');
    vi.stubEnv('AWS_APPCONFIG_EXTENSION_HTTP_PORT', String(server.port));
  }

  it('reads the flags as JSON', async () => {
    asLambda();
    const config = await getConfig('Features', {
      application: 'UIRefresh',
      environment: 'Production',
      transform: 'json',
    });
    expect(config).toEqual({ ui_refresh: { _variant: 'Default Variant', enabled: false } });
    vi.unstubAllEnvs();
  });

  it('gets undefined for a missing profile, or ParameterNotFoundError with throwOnMissing', async () => {
    asLambda();
    const options = { application: 'UIRefresh', environment: 'Production' };
    expect(await getConfig('Nope', options)).toBeUndefined();
    await expect(getConfig('Nope', { ...options, throwOnMissing: true })).rejects.toBeInstanceOf(
      ParameterNotFoundError,
    );
    vi.unstubAllEnvs();
  });
});
