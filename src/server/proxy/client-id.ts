import type { HeaderOf } from './origin-check.js';
import type { ProxyRequestInfo } from './types.js';

/** Key of the shared bucket when nothing identifies the client. */
export const UNKNOWN_CLIENT = 'unknown';

/**
 * The default rate-limit key. `X-Forwarded-For` counts only with `trustProxy`: each trusted proxy
 * appends the address it saw, so the client is the entry `hops` places from the right, and
 * anything further left was written by the client itself and may be forged. Without it, the
 * adapter's peer address (Node's `serve` passes it), else one bucket for everyone.
 */
export function createDefaultClientId(trustProxy: boolean | number) {
  const fromHeaders = clientIdFromHeaders(trustProxy);
  return (request: Request, info: ProxyRequestInfo): string =>
    fromHeaders((name) => request.headers.get(name), info.remoteAddress);
}

/** The same key from a header getter and the peer address (the proxy's fast path). */
export function clientIdFromHeaders(trustProxy: boolean | number) {
  const hops = trustProxy === true ? 1 : trustProxy === false ? 0 : trustProxy;
  return (header: HeaderOf, remoteAddress: string | undefined): string => {
    if (hops > 0) {
      const forwarded = (header('x-forwarded-for') ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');
      const client = forwarded[Math.max(0, forwarded.length - hops)];
      if (client) return client.slice(0, 64);
    }
    return remoteAddress || UNKNOWN_CLIENT;
  };
}
