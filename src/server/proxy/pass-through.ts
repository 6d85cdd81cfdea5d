/**
 * Pass-through mode: each browser session is an AWS session. The proxy signs (through the SDK)
 * and forwards; the upstream token travels inside a signed envelope that also names the allowed
 * configuration it belongs to, so the allow-list and `authorize` narrowing are checked on every
 * poll, and a browser cannot spend an upstream token it did not get from this proxy. AWS's
 * headers (Next-Poll-Interval-In-Seconds, Content-Type, Version-Label) and body are forwarded.
 */
import { InternalServerException } from '../../core/errors.js';
import { HEADER } from '../../core/wire.js';
import type { AllowedEntry } from './allow-list.js';
import type { PassThroughClaims, TokenSigner } from './proxy-tokens.js';
import type { Upstream } from './upstream.js';
import {
  UPSTREAM_FAILED_MESSAGE,
  classifyUpstreamError,
  toBrowserError,
} from './upstream-errors.js';
import { TOKEN_MAX_LENGTH } from '../../core/limits.js';
import { tokenProblem, TOKEN_MESSAGES } from '../shared/token-errors.js';

export interface PassThroughDeps {
  upstream: Upstream;
  signer: TokenSigner;
  now: () => number;
  browserInterval: (requested: number | undefined) => number;
}

export function createPassThrough(deps: PassThroughDeps) {
  const { upstream, signer, now } = deps;

  async function envelope(entry: AllowedEntry, upstreamToken: string): Promise<string> {
    const claims: PassThroughClaims = {
      k: 'p',
      a: entry.browser.application,
      e: entry.browser.environment,
      p: entry.browser.profile,
      iat: now(),
    };
    const token = await signer.sign(claims, upstreamToken);
    // AWS tokens are far shorter than the model's limit; should one ever not fit, fail cleanly.
    if (token.length > TOKEN_MAX_LENGTH || /\s/.test(upstreamToken)) {
      throw new InternalServerException(UPSTREAM_FAILED_MESSAGE);
    }
    return token;
  }

  function startUpstream(entry: AllowedEntry, requested: number | undefined): Promise<string> {
    const ids = {
      ApplicationIdentifier: entry.upstream.application,
      EnvironmentIdentifier: entry.upstream.environment,
      ConfigurationProfileIdentifier: entry.upstream.profile,
    };
    return forward(entry, () =>
      upstream.startSession(
        ids,
        requested === undefined ? undefined : deps.browserInterval(requested),
        entry.label,
      ),
    );
  }

  async function forward<T>(entry: AllowedEntry, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toBrowserError(classifyUpstreamError(error), entry.browser);
    }
  }

  const api = {
    /**
     * StartConfigurationSession upstream. A minimum interval is asked of AWS only when the browser
     * asked for one (raised to the proxy's floor): a session without one gets what AWS would give
     * it directly, where an early poll is answered, not refused.
     */
    async start(entry: AllowedEntry, requested: number | undefined): Promise<string> {
      return envelope(entry, await startUpstream(entry, requested));
    },

    /** The combined first call: StartConfigurationSession and GetLatestConfiguration upstream. */
    async startWithConfiguration(
      entry: AllowedEntry,
      requested: number | undefined,
      extra: Record<string, string>,
    ): Promise<Response> {
      return api.poll(entry, await startUpstream(entry, requested), extra);
    },

    /** GetLatestConfiguration upstream with the token inside the envelope. */
    async poll(
      entry: AllowedEntry,
      upstreamToken: string,
      extra: Record<string, string>,
    ): Promise<Response> {
      let latest;
      try {
        latest = await upstream.getLatest(upstreamToken, entry.label);
      } catch (error) {
        const failure = classifyUpstreamError(error);
        // The envelope's MAC proved this proxy issued the token, so AWS refusing it as corrupted
        // means it was spent before (tokens are single use), not forged.
        if (failure.kind === 'token' && failure.problem === 'Corrupted') {
          throw tokenProblem('Corrupted', TOKEN_MESSAGES.reused);
        }
        throw toBrowserError(failure, entry.browser);
      }
      if (!latest.nextToken) throw new InternalServerException(UPSTREAM_FAILED_MESSAGE);
      const headers: Record<string, string> = {
        ...extra,
        [HEADER.nextToken]: await envelope(entry, latest.nextToken),
        [HEADER.contentType]: latest.contentType ?? 'application/octet-stream',
      };
      if (latest.intervalSeconds !== undefined) {
        headers[HEADER.nextInterval] = String(latest.intervalSeconds);
      }
      if (latest.versionLabel) headers[HEADER.versionLabel] = latest.versionLabel;
      // The SDK's bytes are ours alone: no copy.
      return new Response(latest.body as Uint8Array<ArrayBuffer>, { status: 200, headers });
    },
  };
  return api;
}
