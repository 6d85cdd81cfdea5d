/** The cart's checkout: the one-page checkout of `checkoutV2`, or the classic one. */
import { useDemoFlagDetails } from './demo-hooks.js';

export interface CheckoutPanelProps {
  items: number;
  /** The classic checkout's limit, from the Settings profile. */
  fallbackMaxItems: number | undefined;
}

export function CheckoutPanel({ items, fallbackMaxItems }: CheckoutPanelProps) {
  const checkout = useDemoFlagDetails('checkoutV2');
  const maxItems = checkout.enabled ? checkout.attributes.maxItems : fallbackMaxItems;
  const overLimit = maxItems !== undefined && items > maxItems;
  return (
    <aside className="shop-cart" data-testid="checkout">
      <h4>
        Cart · {items} item{items === 1 ? '' : 's'}
      </h4>
      <button type="button" className="shop-checkout" disabled={overLimit}>
        {checkout.enabled ? 'One-page checkout' : 'Checkout (classic)'}
      </button>
      {checkout.enabled && checkout.attributes.expressPayment && (
        <div className="shop-express" data-testid="express-payment">
          <button type="button">Pay</button>
          <button type="button">G Pay</button>
        </div>
      )}
      <p className="shop-limit">
        {maxItems === undefined ? 'No cart limit' : `Up to ${maxItems} items per order`}
      </p>
    </aside>
  );
}
