/**
 * `<AppConfigProvider>`'s props, checked on every render with the core's own option checks plus
 * the props only the provider has. A bad prop throws during render, naming the prop and the fix.
 */
import { validateOptions } from '../core/validate-options.js';
import type { AppConfigProviderProps } from './app-config-provider-props.js';

/** Throws `InvalidOptionsError` for the first bad prop (development builds only). @internal */
export const checkProviderProps: (props: AppConfigProviderProps) => void =
  process.env.NODE_ENV !== 'production' ? checkProps : () => {};

function checkProps(props: AppConfigProviderProps): void {
  const check = validateOptions(props, '<AppConfigProvider>: ');
  const { persist, name } = props;
  check(
    'persist',
    persist === undefined ||
      persist === false ||
      (typeof persist?.getItem === 'function' && typeof persist.setItem === 'function'),
    'must be false or a storage with getItem and setItem (localStorage, sessionStorage)',
  );
  check(
    'name',
    name === undefined || (typeof name === 'string' && name !== ''),
    'must be a non-empty string',
  );
}
