/**
 * The "Picked for you" strip: the multi-variant `recommendations` flag, evaluated by the emulator
 * for the signed-in user's context. The badge names the variant that user got, so switching users
 * shows the variant change live (after one new session, without waiting for a poll).
 */
import { useDemoFlagDetails } from './demo-hooks.js';

export interface RecommendationsProps {
  products: readonly { id: string; name: string }[];
}

export function Recommendations({ products }: RecommendationsProps) {
  const { enabled, variant, attributes } = useDemoFlagDetails('recommendations');
  const layout = attributes.layout ?? 'grid';
  return (
    <div className={`shop-picks layout-${layout}`} data-testid="recommendations">
      <span className="variant-badge" data-testid="variant-badge">
        variant: {variant ?? 'none'}
      </span>
      {enabled ? (
        <span className="shop-picks-list">
          Picked for you ({layout}):{' '}
          {products.map((product) => (
            <span key={product.id} className="shop-pick">
              {product.name}
            </span>
          ))}
        </span>
      ) : (
        <span className="shop-picks-off">No picks for this user.</span>
      )}
    </div>
  );
}
