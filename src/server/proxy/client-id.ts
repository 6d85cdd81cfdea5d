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
  const hops = trustProxy === true ? 1 : trustProxy === false ? 0 : trustProxy;
  return (request: Request, info: ProxyRequestInfo): string => {
    if (hops > 0) {
      const forwarded = (request.headers.get('x-forwarded-for') ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');
      const client = forwarded[Math.max(0, forwarded.length - hops)];
      if (client) return client.slice(0, 64);
    }
    return info.remoteAddress || UNKNOWN_CLIENT;
  };
}
