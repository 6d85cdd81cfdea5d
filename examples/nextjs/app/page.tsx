/**
 * A server component: prefetches both profiles into a per-request QueryClient, hands them to the
 * browser with `dehydrate` + `<HydrationBoundary>`, and renders a flag decided on the server by
 * the Flags SDK. The client components below read the prefetched data on the server and while
 * hydrating, then follow the browser's own polls.
 */
import { HydrationBoundary, QueryClient, dehydrate } from '@tanstack/react-query';
import { prefetchAppConfig } from 'appconfig-react/query';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { FLAGS, SETTINGS } from '../lib/appconfig-ids';
import { SERVER_ENDPOINT, appConfigFetch } from '../lib/appconfig-service';
import { summerSale, summerSaleDiscount } from '../lib/flags';
import { BetaBanner } from './beta-banner';
import { NewCheckoutLink } from './new-checkout-link';
import { Welcome } from './welcome';

export default async function HomePage() {
  await connection(); // rendered per request, with the flags deployed now (not at build time)
  const queryClient = new QueryClient();
  const server = { endpoint: SERVER_ENDPOINT, fetch: appConfigFetch };
  const [sale, discount] = await Promise.all([
    summerSale(),
    summerSaleDiscount(),
    prefetchAppConfig(queryClient, { ...server, ...FLAGS }),
    prefetchAppConfig(queryClient, { ...server, ...SETTINGS }),
  ]);
  return (
    <main>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <Welcome />
        <BetaBanner />
        <Suspense
          fallback={
            <p data-testid="checkout-fallback" data-state="shown">
              Loading the checkout…
            </p>
          }
        >
          <NewCheckoutLink />
        </Suspense>
      </HydrationBoundary>
      <p data-testid="summer-sale" data-state={sale ? 'on' : 'off'}>
        {sale ? `Summer sale: ${discount}% off everything` : 'No sale today.'}
      </p>
    </main>
  );
}
