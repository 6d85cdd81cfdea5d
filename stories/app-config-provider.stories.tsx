import type { Meta, StoryObj } from '@storybook/react-vite';
import { FlagList } from './components/flag-list.js';
import { StatusPanel } from './components/status-panel.js';
import { FLAGS, appconfig, slowFirstAnswer } from './support/fixtures.js';

/**
 * `<AppConfigProvider>` on an in-process emulator: what the first render shows, with or without a
 * kept or initial configuration, and what a wrong profile does.
 */
const meta = {
  title: 'AppConfigProvider',
  render: () => (
    <>
      <StatusPanel />
      <FlagList />
    </>
  ),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

// The provider itself is the decorator's (.storybook/preview.tsx), set up by parameters.appconfig.
export const Ready: Story = {
  parameters: appconfig({ flags: FLAGS, versionLabel: 'v1' }),
};

/** A returning visitor: the first render has yesterday's flags, then today's arrive. */
export const PersistedFirstRender: Story = {
  parameters: appconfig({
    persisted: { flags: { darkMode: false }, versionLabel: 'yesterday' },
    flags: { darkMode: true },
    versionLabel: 'today',
    faults: slowFirstAnswer(1500),
  }),
};

/** `initialConfiguration` (e.g. from the server) until the first answer. */
export const InitialConfiguration: Story = {
  parameters: appconfig({
    flags: FLAGS,
    versionLabel: 'v1',
    faults: slowFirstAnswer(1500),
    provider: {
      initialConfiguration: {
        configuration: { darkMode: { enabled: false } },
        versionLabel: 'built-in',
      },
    },
  }),
};

/** A profile that does not exist: ResourceNotFoundException, and the client stops. */
export const NotFound: Story = {
  parameters: appconfig({ flags: FLAGS, provider: { profile: 'retired-flags' } }),
};
