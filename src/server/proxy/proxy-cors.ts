/**
 * Strict CORS: exact origins only, a fixed list of request headers (never echoed from the
 * preflight), and no CORS header at all for an origin that is not listed, so the browser blocks
 * the page from reading anything.
 */
import { ALLOWED_REQUEST_HEADERS, EXPOSED_HEADERS } from '../shared/wire-names.js';
import type { ProxyCorsOptions } from './types.js';

const DEFAULT_MAX_AGE_SECONDS = 600;
const EXPOSED = EXPOSED_HEADERS.join(', ');

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

    /** Adds the headers every response carries to `headers`, for a request's `Origin` header. */
    addHeaders(headers: Record<string, string>, origin: string | null): void {
      headers.Vary = 'Origin';
      if (origin === null || !origins.has(origin)) return;
      headers['Access-Control-Allow-Origin'] = origin;
      headers['Access-Control-Expose-Headers'] = EXPOSED;
      if (options.credentials) headers['Access-Control-Allow-Credentials'] = 'true';
    },

    /**
     * The answer to a preflight: 204 with the allowed methods and headers for a listed origin,
     * a bare 204 (which the browser treats as a refusal) for any other.
     */
    preflight(request: Request, base: Record<string, string>): Response {
      const headers = { ...base };
      if (verdict(request) === 'allowed') {
        headers['Access-Control-Allow-Methods'] = 'GET, POST, OPTIONS';
        headers['Access-Control-Allow-Headers'] = allowHeaders;
        headers['Access-Control-Max-Age'] = maxAge;
      }
      return new Response(null, { status: 204, headers });
    },
  };
}

export type ProxyCors = ReturnType<typeof createProxyCors>;
