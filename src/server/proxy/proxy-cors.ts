/**
 * Strict CORS: exact origins only, a fixed list of request headers (never echoed from the
 * preflight), and no CORS header at all for an origin that is not listed, so the browser blocks
 * the page from reading anything.
 */
import { ALLOWED_REQUEST_HEADERS, EXPOSED_HEADERS } from '../shared/wire-names.js';
import type { ProxyCorsOptions } from './types.js';

const DEFAULT_MAX_AGE_SECONDS = 600;

/** `none`: no Origin header (same-origin GET, servers, curl); else whether it is listed. */
export type OriginVerdict = 'none' | 'allowed' | 'refused';

export function createProxyCors(options: ProxyCorsOptions) {
  const origins = new Set(options.origins);
  const allowHeaders = [
    ...new Set(
      [...ALLOWED_REQUEST_HEADERS, ...(options.allowHeaders ?? [])].map((h) => h.toLowerCase()),
    ),
  ].join(', ');
  const maxAge = String(options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS);

  const verdict = (request: Request): OriginVerdict => {
    const origin = request.headers.get('origin');
    if (origin === null) return 'none';
    return origins.has(origin) ? 'allowed' : 'refused';
  };

  return {
    verdict,

    /** Adds the headers every response carries. */
    decorate(headers: Headers, request: Request): void {
      headers.append('Vary', 'Origin');
      if (verdict(request) !== 'allowed') return;
      headers.set('Access-Control-Allow-Origin', request.headers.get('origin')!);
      headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
      if (options.credentials) headers.set('Access-Control-Allow-Credentials', 'true');
    },

    /**
     * The answer to a preflight: 204 with the allowed methods and headers for a listed origin,
     * a bare 204 (which the browser treats as a refusal) for any other.
     */
    preflight(request: Request): Response {
      const headers = new Headers();
      if (verdict(request) === 'allowed') {
        headers.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        headers.set('Access-Control-Allow-Headers', allowHeaders);
        headers.set('Access-Control-Max-Age', maxAge);
      }
      return new Response(null, { status: 204, headers });
    },
  };
}

export type ProxyCors = ReturnType<typeof createProxyCors>;
