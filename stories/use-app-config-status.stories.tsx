import type { Meta, StoryObj } from '@storybook/react-vite';
import { StatusPanel } from './components/status-panel.js';
import { FLAGS, NO_ANSWER, appconfig } from './support/fixtures.js';

/** `useAppConfigStatus()` in each state of the client. */
const meta = {
  title: 'Hooks/useAppConfigStatus',
  component: StatusPanel,
} satisfies Meta<typeof StatusPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { parameters: appconfig({ flags: FLAGS, ...NO_ANSWER }) };

export const Ready: Story = { parameters: appconfig({ flags: FLAGS, versionLabel: 'v1' }) };

/** Every request throttled (429): no configuration yet, retrying with backoff. */
export const Throttled: Story = {
  parameters: appconfig({ flags: FLAGS, faults: [{ kind: 'throttle', count: Infinity }] }),
};

/** Two throttled answers, then the configuration (short backoff for the story). */
export const RecoversAfterThrottling: Story = {
  parameters: appconfig({
    flags: FLAGS,
    versionLabel: 'v1',
    faults: [{ kind: 'throttle', count: 2 }],
    provider: { backoff: { initialDelayMs: 100, maxDelayMs: 400 } },
  }),
};

/** The connection drops on every request: NetworkError, retrying. */
export const NetworkDown: Story = {
  parameters: appconfig({ flags: FLAGS, faults: [{ kind: 'network', count: Infinity }] }),
};

export const NotFound: Story = {
  parameters: appconfig({ flags: FLAGS, provider: { profile: 'retired-flags' } }),
};
