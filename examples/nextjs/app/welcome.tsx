'use client';
import { useConfiguration } from 'appconfig-react';
import * as z from 'zod';

// At module level: a hook's schema keeps its last good value per schema object.
const Settings = z.object({ welcome: z.string(), supportEmail: z.string() });

/** Free-form configuration (profile Settings), validated and narrowed for this component. */
export function Welcome() {
  const { data: welcome } = useConfiguration({
    provider: 'settings',
    schema: Settings,
    select: (settings) => settings.welcome,
  });
  return <h1 data-testid="welcome">{welcome ?? 'Welcome'}</h1>;
}
