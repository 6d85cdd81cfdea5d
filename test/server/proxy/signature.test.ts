/**
 * The emulator's `requireSignature`: SigV4 checked for real. Requests signed by the official SDK
 * pass; everything else gets the 403 AWS sends. The test signs by hand with the same library but an
 * independent SHA-256 (node:crypto), so a bug in the emulator's Web Crypto hashing would show.
 */
import { createHash, createHmac } from 'node:crypto';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../../src/core/errors.js';
import { createEmulator } from '../../../src/server/emulator/create-emulator.js';
import { CREDENTIALS, FLAGS, REGION, startUpstream, type Upstream } from './proxy-harness.js';

/** AWS's answer to a signature mismatch, word for word (not read from the code under test). */
const MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** SHA-256 / HMAC on node:crypto, in the signing library's Checksum shape. */
class NodeSha256 {
  private chunks: Buffer[] = [];
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {}
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.chunks.push(
      typeof data === 'string'
        ? Buffer.from(data)
        : Buffer.from(
            ArrayBuffer.isView(data)
              ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
              : data,
          ),
    );
  }
  async digest(): Promise<Uint8Array> {
    const key = this.secret;
    const hash =
      key === undefined
        ? createHash('sha256')
        : createHmac(
            'sha256',
            typeof key === 'string'
              ? key
              : Buffer.from(
                  ArrayBuffer.isView(key)
                    ? key.buffer.slice(key.byteOffset, key.byteOffset + key.byteLength)
                    : key,
                ),
          );
    for (const chunk of this.chunks) hash.update(chunk);
    return new Uint8Array(hash.digest());
  }
  reset() {
    this.chunks = [];
  }
}

let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());

const sdk = (
  secretAccessKey = CREDENTIALS.secretAccessKey,
  accessKeyId = CREDENTIALS.accessKeyId,
) =>
  new AppConfigDataClient({
    endpoint: upstream.server.url,
    region: REGION,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  });

const startInput = {
  ApplicationIdentifier: FLAGS.application,
  EnvironmentIdentifier: FLAGS.environment,
  ConfigurationProfileIdentifier: FLAGS.profile,
};

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected a failure');
}

/** A request signed by hand, then sent (optionally changed after signing) with fetch. */
async function signedFetch(
  options: {
    method?: string;
    path?: string;
    query?: Record<string, string>;
    body?: string;
    region?: string;
    service?: string;
    secretAccessKey?: string;
    date?: Date;
    /** Also send (and sign) x-amz-content-sha256, as S3 clients do. */
    applyChecksum?: boolean;
  } = {},
  tamper: (init: {
    url: URL;
    headers: Record<string, string>;
    body: string | undefined;
  }) => void = () => {},
) {
  const url = new URL(upstream.server.url);
  const method = options.method ?? 'POST';
  const body = options.body ?? (method === 'POST' ? JSON.stringify(startInput) : undefined);
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: CREDENTIALS.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? CREDENTIALS.secretAccessKey,
    },
    region: options.region ?? REGION,
    service: options.service ?? 'appconfig',
    sha256: NodeSha256,
    applyChecksum: options.applyChecksum ?? false,
  });
  const signed = await signer.sign(
    {
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: options.path ?? '/configurationsessions',
      query: options.query ?? {},
      headers: {
        host: url.host,
        'content-type': 'application/json',
        ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
      },
      body,
    },
    { signingDate: options.date ?? new Date() },
  );
  const target = new URL(signed.path, upstream.server.url);
  for (const [k, v] of Object.entries(signed.query ?? {})) target.searchParams.set(k, String(v));
  const init = { url: target, headers: { ...(signed.headers as Record<string, string>) }, body };
  tamper(init);
  delete init.headers.host;
  delete init.headers['content-length'];
  return fetch(init.url, { method, headers: init.headers, body: init.body });
}

async function refusal(response: Response) {
  return {
    status: response.status,
    type: response.headers.get('x-amzn-errortype'),
    message: ((await response.json()) as { Message: string }).Message,
  };
}

describe('emulator requireSignature (SigV4, service appconfig)', () => {
  it('serves requests the official SDK signed with the accepted key', async () => {
    const client = sdk();
    const session = await client.send(new StartConfigurationSessionCommand(startInput));
    const latest = await client.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: session.InitialConfigurationToken }),
    );
    expect(new TextDecoder().decode(latest.Configuration)).toBe('{"darkMode":{"enabled":true}}');
    client.destroy();
  });

  it('accepts a hand-signed request (independent SHA-256), both operations', async () => {
    const started = await signedFetch();
    expect(started.status).toBe(201);
    const { InitialConfigurationToken } = (await started.json()) as {
      InitialConfigurationToken: string;
    };
    const polled = await signedFetch({
      method: 'GET',
      path: '/configuration',
      query: { configuration_token: InitialConfigurationToken },
    });
    expect(polled.status).toBe(200);
  });

  it('refuses a wrong secret key: 403 InvalidSignatureException (what AWS sends)', async () => {
    const client = sdk('not-the-secret');
    expect(await failure(client.send(new StartConfigurationSessionCommand(startInput)))).toEqual({
      name: 'InvalidSignatureException',
      message: MISMATCH_MESSAGE,
      status: 403,
    });
    client.destroy();
  });

  it('refuses an unknown access key: 403 UnrecognizedClientException', async () => {
    const client = sdk(CREDENTIALS.secretAccessKey, 'AKIDUNKNOWN');
    expect(await failure(client.send(new StartConfigurationSessionCommand(startInput)))).toEqual({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      status: 403,
    });
    client.destroy();
  });

  it('refuses an unsigned request: 403 MissingAuthenticationTokenException', async () => {
    const before = upstream.count();
    const response = await fetch(`${upstream.server.url}/configurationsessions`, {
      method: 'POST',
      body: JSON.stringify(startInput),
    });
    expect(await refusal(response)).toEqual({
      status: 403,
      type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
    const logged = upstream.emulator.requests.slice(before);
    expect(logged).toMatchObject([
      {
        operation: 'StartConfigurationSession',
        status: 403,
        errorType: 'MissingAuthenticationTokenException',
      },
    ]);
  });

  it('refuses a malformed Authorization header: 403 IncompleteSignatureException', async () => {
    const response = await fetch(`${upstream.server.url}/configurationsessions`, {
      method: 'POST',
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE',
        'x-amz-date': '20300101T000000Z',
      },
      body: '{}',
    });
    expect(await refusal(response)).toMatchObject({
      status: 403,
      type: 'IncompleteSignatureException',
    });
  });

  it.each([
    [
      'a changed body',
      (i: { body: string | undefined }) => (i.body = i.body!.replace('Flags', 'Flagz')),
    ],
    ['an added query parameter', (i: { url: URL }) => i.url.searchParams.set('x', '1')],
    [
      'a changed signed header',
      (i: { headers: Record<string, string> }) => (i.headers['content-type'] = 'text/plain'),
    ],
    [
      'a flipped signature digit',
      (i: { headers: Record<string, string> }) => {
        const auth = i.headers.authorization!;
        const last = auth.at(-1) === '0' ? '1' : '0';
        i.headers.authorization = auth.slice(0, -1) + last;
      },
    ],
  ])('refuses a request signed and then tampered with (%s)', async (_name, tamper) => {
    const response = await signedFetch({}, tamper as never);
    expect(await refusal(response)).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
      message: MISMATCH_MESSAGE,
    });
  });

  it('checks a signed x-amz-content-sha256 against the body actually sent', async () => {
    expect((await signedFetch({ applyChecksum: true })).status).toBe(201);
    const response = await signedFetch({ applyChecksum: true }, (i) => {
      i.body = i.body!.replace('Flags', 'Flagz');
    });
    expect(await refusal(response)).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
  });

  it('refuses a tampered token in a signed GetLatestConfiguration', async () => {
    const response = await signedFetch(
      { method: 'GET', path: '/configuration', query: { configuration_token: 'abc' } },
      (i) => i.url.searchParams.set('configuration_token', 'abd'),
    );
    expect((await refusal(response)).type).toBe('InvalidSignatureException');
  });

  it('refuses the wrong scope: region, service (appconfigdata is not the signing name)', async () => {
    expect(await refusal(await signedFetch({ region: 'eu-west-1' }))).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
      message: 'Credential should be scoped to a valid region.',
    });
    expect(await refusal(await signedFetch({ service: 'appconfigdata' }))).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'appconfig'.",
    });
  });

  it('refuses a signature older than 5 minutes: Signature expired', async () => {
    const response = await refusal(await signedFetch({ date: new Date(Date.now() - 6 * 60_000) }));
    expect(response.status).toBe(403);
    expect(response.type).toBe('InvalidSignatureException');
    expect(response.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z\.$/,
    );
  });

  it('answers CORS preflights without a signature (browsers cannot sign them)', async () => {
    const response = await fetch(`${upstream.server.url}/configurationsessions`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
  });

  it('is off by default, and refuses an empty credential list', () => {
    expect(() => createEmulator({ requireSignature: { credentials: [], region: REGION } })).toThrow(
      InvalidOptionsError,
    );
    expect(() =>
      createEmulator({ requireSignature: { credentials: CREDENTIALS, region: '' } }),
    ).toThrow(/requireSignature.region/);
  });
});
