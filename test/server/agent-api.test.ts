/** The AppConfig Agent's HTTP API served by the emulator, in process. */
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/server/index.js';
import { UI_REFRESH, uiRefreshDoc } from './multi-variant-fixture.js';

const BASE = 'http://localhost:2772';
const PATH = '/applications/UIRefresh/environments/Production/configurations/Features';

function setup() {
  const emulator = createEmulator();
  const flags = emulator.deploy({
    ...UI_REFRESH,
    type: 'AWS.AppConfig.FeatureFlags',
    content: uiRefreshDoc(),
  });
  const freeform = emulator.deploy({
    application: 'UIRefresh',
    environment: 'Production',
    profile: 'Settings',
    content: 'retries: 3\n',
    contentType: 'application/x-yaml',
    versionLabel: 'v1.0',
  });
  const get = (path: string, headers: HeadersInit = {}) =>
    emulator.fetch(`${BASE}${path}`, { headers });
  return { emulator, flags, freeform, get };
}

describe('Agent API: GET /applications/{app}/environments/{env}/configurations/{profile}', () => {
  it('serves the evaluated flags with Configuration-Version and Content-Type', async () => {
    const { get } = setup();
    const response = await get(PATH);
    expect(response.status).toBe(200);
    expect(response.headers.get('configuration-version')).toBe('1');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      ui_refresh: { _variant: 'Default Variant', enabled: false },
      banner: { enabled: true, text: 'Hello' },
    });
  });

  it('takes IDs as well as names', async () => {
    const { get, flags } = setup();
    const response = await get(
      `/applications/${flags.applicationId}/environments/${flags.environmentId}/configurations/${flags.profileId}`,
    );
    expect(response.status).toBe(200);
  });

  it('decodes URL-encoded names, "/" included', async () => {
    const emulator = createEmulator();
    emulator.deploy({
      application: 'team/web',
      environment: 'dev env',
      profile: 'Flags',
      type: 'AWS.AppConfig.FeatureFlags',
      content: uiRefreshDoc(),
    });
    const response = await emulator.fetch(
      `${BASE}/applications/team%2Fweb/environments/dev%20env/configurations/Flags?flag=banner`,
    );
    expect(await response.json()).toEqual({ enabled: true, text: 'Hello' });
  });

  it('evaluates variants from one Context header per pair', async () => {
    const { get } = setup();
    const headers = new Headers();
    headers.append('Context', 'email=jane_doe@example.org');
    headers.append('Context', 'opted_in_to_beta=false');
    const response = await get(`${PATH}?flag=ui_refresh`, headers);
    expect(await response.json()).toEqual({
      _variant: 'Beta Testers',
      enabled: true,
      dark_mode_support: true,
    });
  });

  it('keeps a comma inside a value when no key= follows it', async () => {
    const emulator = createEmulator();
    const doc = uiRefreshDoc();
    doc.values.ui_refresh._variants[0].rule = '(eq $name "Doe, Jane")';
    emulator.deploy({ ...UI_REFRESH, type: 'AWS.AppConfig.FeatureFlags', content: doc });
    const headers = new Headers();
    headers.append('Context', 'name=Doe, Jane');
    headers.append('Context', 'plan=pro');
    const response = await emulator.fetch(`${BASE}${PATH}?flag=ui_refresh`, { headers });
    expect((await response.json())._variant).toBe('QA');
  });

  it('?flag= once returns that flag; repeated returns a map of those flags', async () => {
    const { get } = setup();
    expect(await (await get(`${PATH}?flag=banner`)).json()).toEqual({
      enabled: true,
      text: 'Hello',
    });
    expect(await (await get(`${PATH}?flag=banner&flag=ui_refresh`)).json()).toEqual({
      banner: { enabled: true, text: 'Hello' },
      ui_refresh: { _variant: 'Default Variant', enabled: false },
    });
  });

  it('answers a missing flag with the NoSuchFlag body', async () => {
    const { get } = setup();
    const response = await get(`${PATH}?flag=banner&flag=featureC`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(
      '{"Details":{"Value":{"featureC":{"Problem":"NoSuchFlag"}}},"Message":"Configuration data missing one or more flag values","Reason":"InvalidParameters"}',
    );
  });

  it('serves a freeform profile as deployed, with its label', async () => {
    const { get } = setup();
    const response = await get(
      '/applications/UIRefresh/environments/Production/configurations/Settings',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-yaml');
    expect(response.headers.get('version-label')).toBe('v1.0');
    expect(await response.text()).toBe('retries: 3\n');
  });

  it('refuses ?flag= on a freeform profile', async () => {
    const { get } = setup();
    const response = await get(
      '/applications/UIRefresh/environments/Production/configurations/Settings?flag=x',
    );
    expect(response.status).toBe(400);
    expect((await response.json()).Message).toBe(
      'The flag query parameter applies only to feature-flag profiles (AWS.AppConfig.FeatureFlags); "Settings" is AWS.Freeform.',
    );
  });

  it('answers 404 ResourceNotFoundException for an unknown name and for nothing deployed', async () => {
    const { emulator, get } = setup();
    const unknown = await get('/applications/Nope/environments/Production/configurations/Features');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect((await unknown.json()).ResourceType).toBe('Application');
    emulator.deploy({
      application: 'UIRefresh',
      environment: 'Beta',
      profile: 'Other',
      content: '{}',
    });
    const undeployed = await get(
      '/applications/UIRefresh/environments/Beta/configurations/Features',
    );
    expect(undeployed.status).toBe(404);
    expect(await undeployed.json()).toEqual({
      Message: 'No configuration of profile "Features" is deployed to environment "Beta".',
      ResourceType: 'Configuration',
      ReferencedBy: { Configuration: 'Features' },
    });
  });

  it('sees a new deployment at once', async () => {
    const { emulator, get } = setup();
    const next = uiRefreshDoc();
    next.values.banner.text = 'Bye';
    emulator.deploy({ ...UI_REFRESH, content: next });
    const response = await get(`${PATH}?flag=banner`);
    expect(response.headers.get('configuration-version')).toBe('2');
    expect(await response.json()).toEqual({ enabled: true, text: 'Bye' });
  });

  it.each([
    [
      'email',
      'Context header "email" must be key=value, e.g. "Context: email=jane_doe@example.org" (one header per pair).',
    ],
    [
      '=x',
      'Context header "=x" must be key=value, e.g. "Context: email=jane_doe@example.org" (one header per pair).',
    ],
    [
      'user-id=5',
      'Context key "user-id" must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and "_", so a rule can name it as $key).',
    ],
    [`email=${'x'.repeat(1025)}`, 'Context.email may have at most 1024 characters; it has 1025.'],
  ])('refuses a bad Context header %# with 400', async (header, message) => {
    const { get } = setup();
    const response = await get(PATH, { Context: header });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ Message: message });
  });

  it('refuses more than 25 context pairs', async () => {
    const { get } = setup();
    const headers = new Headers();
    for (let i = 0; i < 26; i++) headers.append('Context', `k${i}=v`);
    const response = await get(PATH, headers);
    expect(await response.json()).toEqual({
      Message: 'Context may have at most 25 keys; it has 26.',
    });
  });

  it('leaves the data plane as it was', async () => {
    const { emulator } = setup();
    const response = await emulator.fetch(`${BASE}/configurationsessions`, { method: 'PUT' });
    expect(response.status).toBe(405);
  });
});
