import type { Meta, StoryObj } from '@storybook/react-vite';
import { SuspenseSettingsView } from './components/suspense-views.js';
import { SETTINGS_YAML, appconfig, slowFirstAnswer } from './support/fixtures.js';

/** `useSuspenseConfiguration({ schema })`: `data` is always there once it renders. */
const meta = {
  title: 'Hooks/useSuspenseConfiguration',
  component: SuspenseSettingsView,
} satisfies Meta<typeof SuspenseSettingsView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The fallback for a second, then the settings. */
export const Suspense: Story = {
  parameters: appconfig({ configuration: SETTINGS_YAML, faults: slowFirstAnswer(1000) }),
};

/** With `initialConfiguration` it never suspends. */
export const WithInitialConfiguration: Story = {
  parameters: appconfig({
    configuration: SETTINGS_YAML,
    faults: slowFirstAnswer(1000),
    provider: { initialConfiguration: { configuration: { theme: 'light', maxItems: 5 } } },
  }),
};
