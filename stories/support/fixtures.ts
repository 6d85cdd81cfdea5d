/** What the stories deploy, and the parameters helpers they share. */
import type { TestFlags } from '../../src/testing/index.js';
import type { AppConfigStoryParameters } from './app-config-parameters.js';

/** `parameters: appconfig({ … })`, type-checked. */
export const appconfig = (parameters: AppConfigStoryParameters) => ({ appconfig: parameters });

export const FLAGS: TestFlags = {
  darkMode: true,
  betaBanner: false,
  checkoutV2: { enabled: true, maxItems: 25, expressPayment: true },
};

export const SETTINGS_YAML = {
  content: 'theme: dark\nmaxItems: 12\nbanner: Spring sale\n',
  contentType: 'application/x-yaml',
};

/** The first request gets no answer for an hour (and the client waits that long). */
export const NO_ANSWER: AppConfigStoryParameters = {
  faults: [{ kind: 'delay', delayMs: 3_600_000 }],
  provider: { requestTimeoutMs: 7_200_000 },
};

/** The first request is answered after `ms`, long enough to see what comes before it. */
export const slowFirstAnswer = (ms: number): AppConfigStoryParameters['faults'] => [
  { kind: 'delay', delayMs: ms, operation: 'StartConfigurationSession' },
];
