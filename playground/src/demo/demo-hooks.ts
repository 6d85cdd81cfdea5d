/** The library's hooks, typed for the demo's profiles and bound to their providers. */
import { createAppConfigHooks, useConfiguration } from '../../../src/react/index.js';
import { type AccessListFlags, type DemoFlags, Settings } from './demo-schemas.js';

export const { useFlag: useDemoFlag, useFlagDetails: useDemoFlagDetails } = createAppConfigHooks<
  typeof DemoFlags
>({ provider: 'flags' });

export const { useFlagDetails: useAccessListDetails } = createAppConfigHooks<
  typeof AccessListFlags
>({ provider: 'access' });

/** The Settings profile, checked by its schema; `data` keeps the last good value. */
export function useSettings() {
  return useConfiguration({ provider: 'settings', schema: Settings });
}

/** Whether `user` may open the reports page, from the `MyAccessListFlag` profile. */
export function useCanSeeReports(user: string): boolean {
  const { enabled, attributes } = useAccessListDetails('accessList');
  if (!enabled) return false;
  const listed = attributes.allowedUsers?.includes(user) ?? false;
  return attributes.mode === 'deny' ? !listed : listed;
}
