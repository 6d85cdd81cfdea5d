'use client';
import { useFlag } from 'appconfig-react';

/** Shown while flag `betaBanner` is on; follows each deployment at the next poll. */
export function BetaBanner() {
  const on = useFlag('betaBanner', { provider: 'flags' });
  return (
    <p data-testid="beta-banner" data-state={on ? 'on' : 'off'}>
      {on ? 'Join the beta programme!' : 'No beta running.'}
    </p>
  );
}
