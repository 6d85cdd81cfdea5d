'use client';
import { useSuspenseFlag } from 'appconfig-react';

/**
 * Suspends until the flags are there. The page prefetched them on the server, so this renders in
 * the server HTML, never the Suspense fallback, and hydrates without React's error #419.
 */
export function NewCheckoutLink() {
  const enabled = useSuspenseFlag('newCheckout', { provider: 'flags' });
  return (
    <p data-testid="checkout" data-state={enabled ? 'on' : 'off'}>
      {enabled ? <a href="#checkout">Try the one-page checkout</a> : 'Classic checkout'}
    </p>
  );
}
