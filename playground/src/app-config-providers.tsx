/**
 * One `<AppConfigProvider>` per profile, named so any component can pick one, all pointed at the
 * emulator the dev server mounts at `/appconfig`.
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
  children?: ReactNode;
}

export function AppConfigProviders({ onEvent, children }: AppConfigProvidersProps) {
  const provider = (name: ProviderName, inner: ReactNode) => (
    <AppConfigProvider
      name={name}
      endpoint={EMULATOR_PATH}
      application={APPLICATION}
      environment={ENVIRONMENT}
      profile={PROFILES[name]}
      requiredMinimumPollIntervalInSeconds={POLL_INTERVAL_SECONDS}
      onEvent={(event) => onEvent(name, event)}
    >
      {inner}
    </AppConfigProvider>
  );
  return provider('flags', provider('access', provider('settings', children)));
}
