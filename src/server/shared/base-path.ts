/**
 * Which operation a request path names, given a base path. Shared by the emulator and the proxy so
 * both agree that a path outside the base path is no operation at all (404 `UnknownOperation`): it
 * takes no fault, gets no preflight and is logged as `Unknown`.
 */
import { PATH } from './wire-names.js';

/** One of the two operations of the AppConfig Data API. */
export type DataOperation = 'StartConfigurationSession' | 'GetLatestConfiguration';

/** A request path: under the base path (`inside`, base stripped) or outside it (kept whole). */
export interface PathLocation {
  path: string;
  inside: boolean;
}

/** '/x/' → '/x', 'x' → '/x', '' or '/' → ''. */
export function normaliseBasePath(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Where `pathname` sits relative to `basePath` (normalised, see `normaliseBasePath`). */
export function locatePath(pathname: string, basePath: string): PathLocation {
  if (!basePath) return { path: pathname, inside: true };
  if (pathname === basePath || pathname.startsWith(`${basePath}/`)) {
    return { path: pathname.slice(basePath.length) || '/', inside: true };
  }
  return { path: pathname, inside: false };
}

/** Whether the location is one of the two operation paths, whatever the method. */
export function isOperationPath({ path, inside }: PathLocation): boolean {
  return inside && (path === PATH.startSession || path === PATH.getLatest);
}

/** The operation named by a method and location; undefined when none (or outside the base path). */
export function operationAt(method: string, location: PathLocation): DataOperation | undefined {
  if (!location.inside) return undefined;
  if (method === 'POST' && location.path === PATH.startSession) return 'StartConfigurationSession';
  if (method === 'GET' && location.path === PATH.getLatest) return 'GetLatestConfiguration';
  return undefined;
}
