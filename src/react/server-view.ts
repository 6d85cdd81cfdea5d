/**
 * What the server rendered for a client's query: the prefetched (`source: 'server'`) data in the
 * query when its provider mounts. A Suspense boundary that hydrates later (a lazy chunk, a
 * streamed segment) must render it too, though the browser's first answer may have replaced it
 * in the query by then; otherwise React reports a hydration mismatch and renders it again.
 */
import type { AppConfigSessionClient, ConfigurationData } from '../core/types.js';

export const serverViews = new WeakMap<AppConfigSessionClient, ConfigurationData>();
