/**
 * SigV4 verification for the emulator's `requireSignature` option: the request is signed again
 * with the AWS signing library (`@smithy/signature-v4`, service `appconfig`, NOTES §1) from the
 * headers the client listed in `SignedHeaders`, and the two signatures are compared in constant
 * time. The library is loaded with `import()` on the first signed request, so emulators without
 * the option never need it.
 *
 * Refusals use the error types the AWS front end sends for JSON services (403 each; the SDK reads
 * the type from `x-amzn-ErrorType`): `MissingAuthenticationTokenException` (no Authorization),
 * `IncompleteSignatureException` (malformed Authorization or no X-Amz-Date),
 * `UnrecognizedClientException` (unknown access key or security token) and
 * `InvalidSignatureException` (wrong signature, scope or clock).
 */
import type * as SignatureV4Library from '@smithy/signature-v4';
import { AppConfigServiceError } from '../../core/errors.js';
import { readLimited } from '../shared/read-json-body.js';
import { WebCryptoSha256, constantTimeEqual, toHex } from './web-crypto-sha256.js';
import { importOptional } from '../../core/import-optional.js';

/** One access key the emulator accepts. */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry (and sign) this `X-Amz-Security-Token`. */
  sessionToken?: string;
}

/** The emulator's `requireSignature` option. */
export interface SignatureRequirement {
  /** Access keys accepted (fake ones: this is a test double of AWS, never give it real keys). */
  credentials: SigningCredentials | readonly SigningCredentials[];
  /** Region the credential scope must name, e.g. `us-east-1`. */
  region: string;
  /** Signing name the scope must name. Default `appconfig` (NOTES §1: not `appconfigdata`). */
  service?: string;
  /** Largest difference between X-Amz-Date and the clock, in ms. Default 300000 (AWS: 5 minutes). */
  maxClockSkewMs?: number;
  /**
   * Wall clock for the skew check, in ms since the epoch. Default `Date.now()` at each call:
   * signers use the real time, whatever clock the emulator's sessions run on.
   */
  now?: () => number;
}

const DEFAULT_SERVICE = 'appconfig';
const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const refuse = (code: string, message: string) =>
  new AppConfigServiceError(code, message, { status: 403 });

export const SIGNATURE_MESSAGES = {
  missing: 'Missing Authentication Token',
  mismatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  unknownKey: 'The security token included in the request is invalid.',
} as const;

type SignatureV4Module = typeof SignatureV4Library;
let signingLibrary: Promise<SignatureV4Module> | undefined;

function loadSigningLibrary(): Promise<SignatureV4Module> {
  signingLibrary ??= importOptional<SignatureV4Module>('@smithy/signature-v4').catch(
    (cause: unknown) => {
      signingLibrary = undefined;
      throw new Error(
        'The emulator option requireSignature needs the package @smithy/signature-v4: npm i -D @smithy/signature-v4',
        { cause },
      );
    },
  );
  return signingLibrary;
}

/** Checks the option; throws a plain message for InvalidOptionsError. */
export function checkSignatureRequirement(requirement: SignatureRequirement): string | undefined {
  const list = ([] as SigningCredentials[]).concat(requirement.credentials);
  if (list.length === 0) return 'requireSignature.credentials must name at least one access key.';
  for (const c of list) {
    if (!c?.accessKeyId || !c.secretAccessKey) {
      return 'requireSignature.credentials: each entry needs a non-empty accessKeyId and secretAccessKey.';
    }
  }
  if (!requirement.region) return 'requireSignature.region must be a region name, e.g. us-east-1.';
  return undefined;
}

/**
 * Creates `verify(request)`: resolves to the request to route (its body already read, so it is a
 * fresh Request) when the signature holds, or to the 403 error to answer.
 */
export function createSignatureVerifier(requirement: SignatureRequirement) {
  const keys = new Map(
    ([] as SigningCredentials[]).concat(requirement.credentials).map((c) => [c.accessKeyId, c]),
  );
  const service = requirement.service ?? DEFAULT_SERVICE;
  const maxSkewMs = requirement.maxClockSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const now = requirement.now ?? (() => Date.now());

  return async function verify(request: Request): Promise<Request | AppConfigServiceError> {
    const authorization = request.headers.get('authorization');
    if (authorization === null) {
      return refuse('MissingAuthenticationTokenException', SIGNATURE_MESSAGES.missing);
    }
    const match = AUTHORIZATION.exec(authorization.trim());
    if (!match) {
      return refuse(
        'IncompleteSignatureException',
        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters of algorithm AWS4-HMAC-SHA256.",
      );
    }
    const [accessKeyId, scopeDate, region, scopeService, signedList, signature] = match.slice(
      1,
    ) as [string, string, string, string, string, string];
    const amzDate = request.headers.get('x-amz-date') ?? '';
    const time = parseAmzDate(amzDate);
    if (time === undefined) {
      return refuse(
        'IncompleteSignatureException',
        "Authorization header requires existence of a valid 'X-Amz-Date' header (YYYYMMDD'T'HHMMSS'Z').",
      );
    }
    const credentials = keys.get(accessKeyId);
    const securityToken = request.headers.get('x-amz-security-token');
    if (!credentials || (credentials.sessionToken ?? null) !== securityToken) {
      return refuse('UnrecognizedClientException', SIGNATURE_MESSAGES.unknownKey);
    }
    if (scopeDate !== amzDate.slice(0, 8)) {
      return refuse(
        'InvalidSignatureException',
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}'.`,
      );
    }
    if (region !== requirement.region) {
      return refuse('InvalidSignatureException', 'Credential should be scoped to a valid region.');
    }
    if (scopeService !== service) {
      return refuse(
        'InvalidSignatureException',
        `Credential should be scoped to correct service: '${service}'.`,
      );
    }
    const skew = time - now();
    if (Math.abs(skew) > maxSkewMs) {
      return refuse(
        'InvalidSignatureException',
        skew < 0
          ? `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now() - maxSkewMs)}.`
          : `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now() + maxSkewMs)}.`,
      );
    }
    const signedHeaders = signedList.split(';');
    if (!signedHeaders.includes('host')) {
      return refuse(
        'InvalidSignatureException',
        "'Host' must be a 'SignedHeader' in the AWS Authorization.",
      );
    }

    // The body is read once here (under the emulator's size cap) and handed on in a new Request.
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = request.body ? new Uint8Array(await readLimited(request)) : new Uint8Array(0);
    } catch (error) {
      if (error instanceof AppConfigServiceError) return error; // too large: the routes' own 400
      throw error;
    }
    const payloadHash = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', body)));
    const claimedHash = request.headers.get('x-amz-content-sha256');
    if (claimedHash !== null && claimedHash !== payloadHash) {
      return refuse(
        'InvalidSignatureException',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }

    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) {
      const value =
        name === 'host' ? (request.headers.get('host') ?? url.host) : request.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0]! : values;
    }
    const { SignatureV4 } = await loadSigningLibrary();
    const signer = new SignatureV4({
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
      },
      region: requirement.region,
      service,
      sha256: WebCryptoSha256,
      uriEscapePath: true,
      applyChecksum: false,
    });
    const signed = await signer.sign(
      {
        method: request.method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query,
        headers,
        body: body.byteLength > 0 ? body : undefined,
      },
      { signingDate: new Date(time), signableHeaders: new Set(signedHeaders) },
    );
    const expected = AUTHORIZATION.exec(String(signed.headers['authorization']));
    if (!expected || expected[5] !== signedList || !constantTimeEqual(expected[6]!, signature)) {
      return refuse('InvalidSignatureException', SIGNATURE_MESSAGES.mismatch);
    }
    return new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: body.byteLength > 0 ? body : undefined,
      signal: request.signal,
    });
  };
}

function parseAmzDate(value: string): number | undefined {
  const m = AMZ_DATE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const time = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  return Number.isNaN(time) ? undefined : time;
}

function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
