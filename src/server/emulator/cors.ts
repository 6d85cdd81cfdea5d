import { ALLOWED_REQUEST_HEADERS, EXPOSED_HEADERS } from '../shared/wire-names.js';

/** CORS settings. */
export interface CorsOptions {
  /** Origins allowed to read responses: a list of exact origins, or `'*'` for any. Default `'*'`. */
  origins?: readonly string[] | '*';
}

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
// Browsers cap this anyway (Chrome: 2 hours); 10 minutes keeps edits to the options visible soon.
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** The origin to allow for this request, or undefined when CORS does not apply. */
function allowedOrigin(
  header: (name: string) => string | null,
  cors: CorsOptions,
): string | undefined {
  const origins = cors.origins ?? '*';
  if (origins === '*') return '*';
  const origin = header('origin');
  return origin !== null && origins.includes(origin) ? origin : undefined;
}

const EXPOSED = EXPOSED_HEADERS.join(', ');

/**
 * Adds the CORS headers every response carries (allowed origin and exposed headers) to `out`.
 * `header` reads a request header as `Headers.get` does.
 */
export function addCorsHeaders(
  out: Record<string, string>,
  header: (name: string) => string | null,
  cors: CorsOptions,
): void {
  const origin = allowedOrigin(header, cors);
  if (cors.origins !== undefined && cors.origins !== '*') out.Vary = 'Origin';
  if (origin === undefined) return;
  out['Access-Control-Allow-Origin'] = origin;
  out['Access-Control-Expose-Headers'] = EXPOSED;
}

/**
 * Adds the headers of a 204 preflight answer to `headers` (which holds those of `addCorsHeaders`).
 * The allowed request headers are our list plus whatever the
 * browser asks for: an emulator has nothing to protect, and a client adding its own header should
 * not fail with an opaque CORS error.
 */
export function preflightHeaders(request: Request, headers: Record<string, string>): void {
  const requested = (request.headers.get('access-control-request-headers') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const allowed = new Set<string>([...ALLOWED_REQUEST_HEADERS, ...requested]);
  headers['Access-Control-Allow-Methods'] = ALLOWED_METHODS;
  headers['Access-Control-Allow-Headers'] = [...allowed].join(', ');
  headers['Access-Control-Max-Age'] = String(PREFLIGHT_MAX_AGE_SECONDS);
}
