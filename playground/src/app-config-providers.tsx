/**
 * One `<AppConfigProvider>` per profile, named so any component can pick one, all pointed at the
 * emulator the dev server mounts at `/appconfig`. The flags provider carries the signed-in
 * user's context, so its multi-variant flags are evaluated for that user.
 */
import type { ReactNode } from 'react';
import { AppConfigProvider, type AppConfigEvent } from '../../src/react/index.js';
import { EMULATOR_PATH } from '../shared/playground-api-types.js';
import {
  APPLICATION,
  ENVIRONMENT,
  POLL_INTERVAL_SECONDS,
  PROFILES,
  type ProviderName,
} from './profiles.js';

export interface AppConfigProvidersProps {
  onEvent: (provider: ProviderName, event: AppConfigEvent) => void;
  /** The flags provider's `context` (the signed-in user). */
  flagsContext: Record<string, string>;
  children?: ReactNode;
}

export function AppConfigProviders({ onEvent, flagsContext, children }: AppConfigProvidersProps) {
  const provider = (name: ProviderName, inner: ReactNode) => (
    <AppConfigProvider
      name={name}
      endpoint={EMULATOR_PATH}
      application={APPLICATION}
      environment={ENVIRONMENT}
      profile={PROFILES[name]}
      requiredMinimumPollIntervalInSeconds={POLL_INTERVAL_SECONDS}
      {...(name === 'flags' ? { context: flagsContext } : {})}
      onEvent={(event) => onEvent(name, event)}
    >
      {inner}
    </AppConfigProvider>
  );
  return provider('flags', provider('access', provider('settings', children)));
}
