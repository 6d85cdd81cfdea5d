/**
 * The Origin check: a browser request whose `Origin` is neither the proxy's own nor a configured
 * one is refused before any work, whether or not CORS is on. It cannot rely on a preflight: a
 * `text/plain` session start is a CORS "simple" request that a foreign page may send (the browser
 * would only hide the answer, after AWS was called). A request without `Origin` is not a
 * browser's cross-site request (SDKs, the CLI, same-origin GETs) and passes.
 */

/** Settings of the check. */
export interface OriginCheckOptions {
  /** Origins allowed besides the proxy's own (its `cors.origins`). */
  origins: readonly string[];
  /** Whether `X-Forwarded-Host` names the proxy's public host (set with `trustProxy`). */
  trustForwardedHost: boolean;
}

/** A request's header, as `Headers.get` answers (`null` when absent). */
export type HeaderOf = (name: string) => string | null;

/**
 * Creates `allowed(header, url)`: false when the request (its headers and its URL) must be
 * refused with 403. The proxy's fast path calls it as is; `Request`s go through `allowedRequest`.
 */
export function createOriginCheck(options: OriginCheckOptions) {
  const listed = new Set(options.origins);

  return function allowed(header: HeaderOf, url: string): boolean {
    const origin = header('origin');
    if (origin === null || listed.has(origin)) return true;
    let host: string;
    try {
      host = new URL(origin).host; // `null` (sandboxed frames, file:) has none
    } catch {
      return false;
    }
    if (host === '') return false;
    // The proxy's own origin, compared by host: behind a TLS-terminating load balancer the request
    // arrives as http:// while the page's Origin says https://.
    if (host === new URL(url).host || host === header('host')) return true;
    if (!options.trustForwardedHost) return false;
    const forwarded = header('x-forwarded-host');
    return forwarded !== null && forwarded.split(',').some((entry) => entry.trim() === host);
  };
}

/** The header getter of a `Request`. */
export const headerOf =
  (request: Request): HeaderOf =>
  (name) =>
    request.headers.get(name);
