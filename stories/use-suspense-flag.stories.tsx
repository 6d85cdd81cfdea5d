import type { Meta, StoryObj } from '@storybook/react-vite';
import { SuspenseFlagView } from './components/suspense-views.js';
import { FLAGS, appconfig, slowFirstAnswer } from './support/fixtures.js';

/** `useSuspenseFlag(key)`: suspends until the first configuration; errors reach the boundary. */
const meta = {
  title: 'Hooks/useSuspenseFlag',
  component: SuspenseFlagView,
  args: { flag: 'darkMode' },
} satisfies Meta<typeof SuspenseFlagView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The fallback for a second, then the flag. */
export const Suspense: Story = {
  parameters: appconfig({ flags: FLAGS, faults: slowFirstAnswer(1000) }),
};

/** An unknown profile: the client stops and the hook throws to the error boundary. */
export const NotFoundThrows: Story = {
  parameters: appconfig({ flags: FLAGS, provider: { profile: 'retired-flags' } }),
};
