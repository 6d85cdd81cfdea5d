/**
 * The demo app: a small shop whose theme, banners, navigation and checkout follow the flags and
 * the Settings configuration. It only reads hooks; everything it shows changes at the next poll.
 */
import { useState, useSyncExternalStore } from 'react';
import { CheckoutPanel } from './checkout-panel.js';
import { useCanSeeReports, useDemoFlag, useDemoFlagDetails, useSettings } from './demo-hooks.js';
import { settingsProblem } from './settings-problem.js';

const USERS = ['jane.doe', 'john.smith', 'guest'];

const PRODUCTS = [
  { id: 'jacket', name: 'Trail jacket', price: 129, colour: '#ea580c' },
  { id: 'beanie', name: 'Merino beanie', price: 25, colour: '#2563eb' },
  { id: 'boots', name: 'Hiking boots', price: 159, colour: '#65a30d' },
];

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');
function usePrefersDark(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = darkQuery();
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => darkQuery().matches,
    () => false,
  );
}

export function Storefront() {
  const [user, setUser] = useState(USERS[0] ?? 'guest');
  const [cart, setCart] = useState<Record<string, number>>({ jacket: 1 });
  const darkMode = useDemoFlagDetails('darkMode');
  const betaBanner = useDemoFlag('betaBanner');
  const settings = useSettings();
  const canSeeReports = useCanSeeReports(user);
  const prefersDark = usePrefersDark();

  const flagTheme = darkMode.attributes.defaultTheme;
  const theme = darkMode.enabled
    ? flagTheme === 'system' || flagTheme === undefined
      ? prefersDark
        ? 'dark'
        : 'light'
      : flagTheme
    : (settings.data?.theme ?? 'light');
  const items = Object.values(cart).reduce((sum, count) => sum + count, 0);
  const add = (id: string) => setCart((current) => ({ ...current, [id]: (current[id] ?? 0) + 1 }));
  const banner = settings.data?.banner;
  const problem = settingsProblem(settings.error, settings.stopped, settings.data !== undefined);

  return (
    <div className={`storefront theme-${theme}`} data-testid="storefront" data-theme={theme}>
      <header className="shop-header">
        <span className="shop-logo">Acme Outfitters</span>
        <nav>
          <a href="#shop">Shop</a>
          <a href="#sale">Sale</a>
          {canSeeReports && (
            <a href="#reports" data-testid="reports-link">
              Reports
            </a>
          )}
        </nav>
        <label className="shop-user">
          Signed in as{' '}
          <select value={user} onChange={(event) => setUser(event.target.value)}>
            {USERS.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
      </header>
      {betaBanner && (
        <div className="shop-ribbon" data-testid="beta-banner">
          Beta programme: try new features before everyone else. <a href="#beta">Join</a>
        </div>
      )}
      {banner && (
        <div className={`shop-banner tone-${banner.tone}`} data-testid="settings-banner">
          {banner.text}
        </div>
      )}
      {problem && (
        <p
          className={`shop-config-error problem-${problem.kind}`}
          role={problem.kind === 'retrying' ? 'status' : 'alert'}
          data-testid="settings-problem"
        >
          {problem.text}
        </p>
      )}
      <div className="shop-body">
        <ul className="shop-products">
          {PRODUCTS.map((product) => (
            <li key={product.id}>
              <span className="shop-thumb" style={{ background: product.colour }} aria-hidden>
                {product.name[0]}
              </span>
              <span>{product.name}</span>
              <span className="shop-price">€{product.price}</span>
              <button type="button" onClick={() => add(product.id)}>
                Add
              </button>
            </li>
          ))}
        </ul>
        <CheckoutPanel items={items} fallbackMaxItems={settings.data?.maxItems} />
      </div>
      <footer className="shop-footer">
        Questions? {settings.data?.supportEmail ?? '…'} · theme {theme}
      </footer>
    </div>
  );
}
