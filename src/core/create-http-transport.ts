/**
 * The public `createHttpTransport`: the HTTP transport reading error responses synchronously. It
 * lives apart from http-transport.ts so the React provider's bundle, which reads them lazily,
 * does not carry the reading (read-error-later.ts).
 */
import { readErrorResponse } from './read-error-response.js';
import { httpTransport, type HttpTransportOptions } from './http-transport.js';
import type { AppConfigTransport } from './transport.js';

/** The transport `createAppConfigClient` uses when given an `endpoint`. */
export function createHttpTransport(options: HttpTransportOptions): AppConfigTransport {
  return httpTransport(options, readErrorResponse);
}
