'use client';
/**
 * The app's QueryClient (TanStack's Next.js pattern: one per request on the server, one for the
 * page's life in the browser) and one AppConfig provider per profile, polling through this app's
 * own origin, at the interval the service answers (AppConfig: 60 s; this app's emulator: 2 s).
 * Hydrated data from a page's `<HydrationBoundary>` lands in the same QueryClient, under the key
 * the providers read.
 */
import { QueryClient, QueryClientProvider, isServer } from '@tanstack/react-query';
import { AppConfigProvider } from 'appconfig-react';
import type { ReactNode } from 'react';
import { BROWSER_ENDPOINT, FLAGS, SETTINGS } from '../lib/appconfig-ids';

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  if (isServer) return new QueryClient();
  // Not useState: React would throw it away if the first render suspended.
  return (browserQueryClient ??= new QueryClient());
}

export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <AppConfigProvider name="flags" endpoint={BROWSER_ENDPOINT} {...FLAGS}>
        <AppConfigProvider name="settings" endpoint={BROWSER_ENDPOINT} {...SETTINGS}>
          {children}
        </AppConfigProvider>
      </AppConfigProvider>
    </QueryClientProvider>
  );
}
